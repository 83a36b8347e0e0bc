import type {
  DearAddressRecord,
  DearCustomerContactRecord,
  DearCustomerRecord,
  DearProductRecord,
} from './dear-seed.js';
import { deterministicGuid } from './deterministic.js';
import { seedTimestamp } from './seed-timestamps.js';

interface CustomerRow {
  name: string;
  tier: string;
  discount: number;
  rep: string | null;
  city: string;
  region: string;
  postcode: string;
  shippingSites: number;
  tags: string;
  currency?: string;
  country?: string;
  taxRule?: string;
  carrier?: string;
  status?: 'Active' | 'Deprecated';
  /** Customer-specific prices: SKU and price. */
  prices?: Array<[string, number]>;
}

const ROWS: CustomerRow[] = [
  {
    name: 'Corner Cafe Ltd',
    tier: 'Cafe',
    discount: 5,
    rep: 'Aroha Ngata',
    city: 'Auckland',
    region: 'Auckland',
    postcode: '1010',
    shippingSites: 2,
    tags: 'cafe,auckland',
    prices: [
      ['COF-HOUSE-1KG', 29.5],
      ['MILK-OAT-1L', 3.4],
    ],
  },
  {
    name: 'Cuba Street Espresso',
    tier: 'Cafe',
    discount: 0,
    rep: 'Ben Walker',
    city: 'Wellington',
    region: 'Wellington',
    postcode: '6011',
    shippingSites: 1,
    tags: 'cafe,wellington',
  },
  {
    name: 'Ponsonby Deli & Grocer',
    tier: 'Wholesale',
    discount: 2.5,
    rep: 'Aroha Ngata',
    city: 'Auckland',
    region: 'Auckland',
    postcode: '1011',
    shippingSites: 1,
    tags: 'retail,auckland',
  },
  {
    name: 'Southern Lakes Hospitality Group',
    tier: 'Hospitality',
    discount: 7.5,
    rep: 'Ben Walker',
    city: 'Queenstown',
    region: 'Otago',
    postcode: '9300',
    shippingSites: 3,
    tags: 'hotel,group',
    carrier: 'Mainfreight',
    prices: [
      ['CUP-8OZ-1000', 160],
      ['CUP-12OZ-1000', 178],
      ['LID-8OZ-1000', 66],
    ],
  },
  {
    name: 'Kiwi Campus Cafes',
    tier: 'Cafe',
    discount: 10,
    rep: null,
    city: 'Hamilton',
    region: 'Waikato',
    postcode: '3216',
    shippingSites: 2,
    tags: 'cafe,education',
  },
  {
    name: 'Harbourside Bakery',
    tier: 'Wholesale',
    discount: 0,
    rep: 'Aroha Ngata',
    city: 'Napier',
    region: "Hawke's Bay",
    postcode: '4110',
    shippingSites: 1,
    tags: 'bakery',
  },
  {
    name: 'Mount Eden Roasting Supplies',
    tier: 'Distributor',
    discount: 0,
    rep: 'Ben Walker',
    city: 'Auckland',
    region: 'Auckland',
    postcode: '1024',
    shippingSites: 2,
    tags: 'distributor',
    prices: [
      ['COF-HOUSE-1KG', 26.9],
      ['COF-ESPR-1KG', 27.5],
      ['COF-DECAF-1KG', 30.25],
    ],
  },
  {
    name: 'Te Aro Brew Bar',
    tier: 'Cafe',
    discount: 5,
    rep: 'Ben Walker',
    city: 'Wellington',
    region: 'Wellington',
    postcode: '6011',
    shippingSites: 1,
    tags: 'cafe,wellington',
  },
  {
    name: 'Christchurch Office Supplies Ltd',
    tier: 'Wholesale',
    discount: 3,
    rep: null,
    city: 'Christchurch',
    region: 'Canterbury',
    postcode: '8011',
    shippingSites: 4,
    tags: 'office,retail',
  },
  {
    name: 'Nelson Market Stall',
    tier: 'Retail',
    discount: 0,
    rep: null,
    city: 'Nelson',
    region: 'Nelson',
    postcode: '7010',
    shippingSites: 1,
    tags: 'market',
  },
  {
    name: 'Dunedin Student Union Cafe',
    tier: 'Cafe',
    discount: 0,
    rep: 'Aroha Ngata',
    city: 'Dunedin',
    region: 'Otago',
    postcode: '9016',
    shippingSites: 1,
    tags: 'cafe,education',
  },
  {
    name: 'Tauranga Beach Kiosk',
    tier: 'Retail',
    discount: 0,
    rep: null,
    city: 'Tauranga',
    region: 'Bay of Plenty',
    postcode: '3110',
    shippingSites: 1,
    tags: 'kiosk',
  },
  {
    name: 'Northland Petrol & Cafe',
    tier: 'Wholesale',
    discount: 0,
    rep: 'Ben Walker',
    city: 'Whangarei',
    region: 'Northland',
    postcode: '0110',
    shippingSites: 2,
    tags: 'fuel,retail',
    carrier: 'NZ Post',
  },
  {
    name: 'Rotorua Lakeside Lodge',
    tier: 'Hospitality',
    discount: 5,
    rep: 'Aroha Ngata',
    city: 'Rotorua',
    region: 'Bay of Plenty',
    postcode: '3010',
    shippingSites: 1,
    tags: 'hotel',
    prices: [
      ['TEA-EB-100', 13.2],
      ['CHOC-DRINK-1KG', 22.5],
    ],
  },
  {
    name: 'Bondi Bean Co Pty Ltd',
    tier: 'Export',
    discount: 0,
    rep: 'Ben Walker',
    city: 'Sydney',
    region: 'NSW',
    postcode: '2026',
    shippingSites: 1,
    tags: 'export,australia',
    currency: 'AUD',
    country: 'Australia',
    taxRule: 'Zero Rated',
    carrier: 'Mainfreight',
    prices: [['COF-HOUSE-1KG', 27.8]],
  },
  {
    name: 'Gisborne Sunrise Cafe',
    tier: 'Cafe',
    discount: 0,
    rep: null,
    city: 'Gisborne',
    region: 'Gisborne',
    postcode: '4010',
    shippingSites: 1,
    tags: 'cafe',
  },
  {
    name: 'Palmerston North Hospital Cafe',
    tier: 'Hospitality',
    discount: 12,
    rep: 'Ben Walker',
    city: 'Palmerston North',
    region: 'Manawatu-Whanganui',
    postcode: '4414',
    shippingSites: 2,
    tags: 'health,cafe',
  },
  {
    name: 'Wanaka Alpine Store',
    tier: 'Wholesale',
    discount: 0,
    rep: 'Aroha Ngata',
    city: 'Wanaka',
    region: 'Otago',
    postcode: '9305',
    shippingSites: 1,
    tags: 'retail,alpine',
  },
  {
    name: 'Old Town Roastery (closed)',
    tier: 'Wholesale',
    discount: 0,
    rep: null,
    city: 'Oamaru',
    region: 'Otago',
    postcode: '9400',
    shippingSites: 1,
    tags: 'closed',
    status: 'Deprecated',
  },
  {
    name: 'Blenheim Vineyard Kitchen',
    tier: 'Hospitality',
    discount: 5,
    rep: 'Ben Walker',
    city: 'Blenheim',
    region: 'Marlborough',
    postcode: '7201',
    shippingSites: 1,
    tags: 'restaurant,winery',
  },
  {
    name: 'New Plymouth Surf Cafe',
    tier: 'Cafe',
    discount: 2,
    rep: null,
    city: 'New Plymouth',
    region: 'Taranaki',
    postcode: '4310',
    shippingSites: 1,
    tags: 'cafe',
  },
  {
    name: 'Invercargill Wholesale Foods',
    tier: 'Distributor',
    discount: 4,
    rep: 'Aroha Ngata',
    city: 'Invercargill',
    region: 'Southland',
    postcode: '9810',
    shippingSites: 3,
    tags: 'distributor,foodservice',
    prices: [
      ['SYR-VAN-750', 9.9],
      ['SYR-CAR-750', 9.9],
      ['SYR-HAZ-750', 9.9],
    ],
  },
  {
    name: 'Waiheke Island Winery Cafe',
    tier: 'Hospitality',
    discount: 0,
    rep: 'Ben Walker',
    city: 'Waiheke Island',
    region: 'Auckland',
    postcode: '1081',
    shippingSites: 1,
    tags: 'island,rural',
    carrier: 'NZ Post',
  },
  {
    name: 'Hutt Valley Corporate Catering',
    tier: 'Wholesale',
    discount: 6,
    rep: 'Aroha Ngata',
    city: 'Lower Hutt',
    region: 'Wellington',
    postcode: '5010',
    shippingSites: 2,
    tags: 'catering,corporate',
  },
  {
    name: 'Kapiti Coast Organics',
    tier: 'Retail',
    discount: 0,
    rep: null,
    city: 'Paraparaumu',
    region: 'Wellington',
    postcode: '5032',
    shippingSites: 1,
    tags: 'organic,retail',
  },
];

function addresses(row: CustomerRow, index: number): DearAddressRecord[] {
  const country = row.country ?? 'New Zealand';
  const list: DearAddressRecord[] = [
    {
      ID: deterministicGuid('customer-address', `${index}:billing`),
      Line1: `PO Box ${1000 + index * 37}`,
      Line2: null,
      City: row.city,
      State: row.region,
      Postcode: row.postcode,
      Country: country,
      Type: 'Billing',
      DefaultForType: true,
    },
  ];
  for (let site = 0; site < row.shippingSites; site++) {
    list.push({
      ID: deterministicGuid('customer-address', `${index}:shipping:${site}`),
      Line1: `${10 + index + site * 7} ${['Queen', 'Victoria', 'High', 'Marine'][site % 4]} Street`,
      Line2: site === 0 ? 'Loading bay' : `Site ${site + 1}`,
      City: row.city,
      State: row.region,
      Postcode: row.postcode,
      Country: country,
      Type: 'Shipping',
      DefaultForType: site === 0,
    });
  }
  return list;
}

function contacts(row: CustomerRow, index: number): DearCustomerContactRecord[] {
  const domain = row.name.toLowerCase().replace(/[^a-z0-9]+/g, '') + '.example';
  const list: DearCustomerContactRecord[] = [
    {
      ID: deterministicGuid('customer-contact', `${index}:0`),
      Name:
        ['Alex', 'Sam', 'Jordan', 'Casey', 'Riley'][index % 5] +
        ' ' +
        ['Owner', 'Smith', 'Tane', 'Lee'][index % 4],
      JobTitle: 'Owner',
      Phone: `0${3 + (index % 6)} 555 ${String(1000 + index).slice(-4)}`,
      MobilePhone: `021 555 ${String(2000 + index).slice(-4)}`,
      Fax: null,
      Email: `orders@${domain}`,
      Website: null,
      Default: true,
      Comment: null,
      IncludeInEmail: true,
      MarketingConsent: 1,
    },
  ];
  if (index % 3 === 0) {
    list.push({
      ID: deterministicGuid('customer-contact', `${index}:1`),
      Name: 'Accounts Payable',
      JobTitle: 'Accounts',
      Phone: null,
      MobilePhone: null,
      Fax: null,
      Email: `accounts@${domain}`,
      Website: null,
      Default: false,
      Comment: 'Send invoices here',
      IncludeInEmail: false,
      MarketingConsent: 3,
    });
  }
  return list;
}

/** Customers of the sample merchant; `ProductPrices` reference the given products by SKU. */
export function sampleCustomers(products: DearProductRecord[]): DearCustomerRecord[] {
  const bySku = new Map(products.map((product) => [product.SKU, product]));
  return ROWS.map((row, index) => {
    const prices = (row.prices ?? []).map(([sku, price]) => {
      const product = bySku.get(sku);
      if (!product)
        throw new Error(`Sample customer ${row.name} has a price for unknown SKU ${sku}`);
      return { ProductID: product.ID, ProductName: product.Name, ProductSKU: sku, Price: price };
    });
    return {
      ID: deterministicGuid('customer', row.name),
      Name: row.name,
      DisplayName: row.name.replace(/ (Ltd|Pty Ltd)$/, ''),
      Status: row.status ?? 'Active',
      Currency: row.currency ?? 'NZD',
      PaymentTerm: index % 4 === 0 ? '7 days' : '20th of following month',
      TaxRule: row.taxRule ?? 'GST on Income',
      PriceTier: row.tier,
      Discount: row.discount,
      SalesRepresentative: row.rep,
      Location: row.region === 'Wellington' ? 'Wellington Depot' : 'Main Warehouse',
      Carrier: row.carrier ?? 'NZ Couriers',
      Tags: row.tags,
      CreditLimit: 5000 + (index % 5) * 2500,
      IsOnCreditHold: index === 11,
      AccountReceivable: '610',
      RevenueAccount: '200',
      TaxNumber: row.country ? null : `${100 + index}-${200 + index}-${300 + index}`,
      Comments: null,
      AttributeSet: null,
      IsLegalEntity: true,
      LastModifiedOn: seedTimestamp(index, 13),
      Addresses: addresses(row, index),
      Contacts: contacts(row, index),
      ProductPrices: prices,
    };
  });
}
