import type { Command } from 'commander';

import type { CatalogProduct, CatalogQuery } from '../../engine-types.js';
import { withSession } from '../command-runner.js';
import { CliError, EXIT } from '../errors.js';
import { formatTable } from '../output.js';
import { printProgress } from '../progress.js';
import { startConnected, type AgentSession } from '../session.js';

/** Page size when reading the whole catalog from the store (the engine's maximum). */
const PAGE = 1000;

interface ListOptions {
  search?: string;
  selected?: boolean;
  category?: string;
}

interface SelectOptions {
  all?: boolean;
}

/** Reads every matching product from the local catalog, page by page. */
function allProducts(session: AgentSession, query: CatalogQuery = {}): CatalogProduct[] {
  const products: CatalogProduct[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = session.engine.listProducts({ ...query, offset, limit: PAGE });
    products.push(...page.products);
    if (page.products.length < PAGE || products.length >= page.total) return products;
  }
}

/**
 * Loads the product catalog from Cin7 Core when the local copy is empty (a first run), by
 * running the reference and products jobs. Products not selected are cached, not sent.
 */
async function ensureCatalog(session: AgentSession): Promise<void> {
  if (session.engine.store.catalog.productCount() > 0) return;
  await startConnected(session);
  const write = session.json ? session.output.note : session.output.line;
  write('The local product list is empty; reading it from Cin7 Core first.');
  const stop = printProgress(session.engine, write);
  try {
    for (const job of ['reference', 'products'] as const) {
      const [run] = await session.engine.syncNow({ job, trigger: 'manual' });
      if (run && run.status === 'failed') {
        throw new CliError(
          `Reading the product list failed in the ${job} job: ${run.error ?? 'no reason recorded'}`,
          EXIT.jobFailed,
        );
      }
    }
  } finally {
    stop();
  }
}

async function list(session: AgentSession, options: ListOptions): Promise<number> {
  await ensureCatalog(session);
  const query: CatalogQuery = {
    ...(options.search ? { search: options.search } : {}),
    ...(options.category ? { category: options.category } : {}),
    ...(options.selected ? { selected: true } : {}),
  };
  const products = allProducts(session, query);
  if (session.json) {
    session.output.json({ total: products.length, products });
    return EXIT.ok;
  }
  if (products.length === 0) {
    session.output.line('No products match.');
    return EXIT.ok;
  }
  const rows = products.map((product) => [
    product.sku,
    product.name,
    product.type,
    product.status,
    product.category ?? '',
    product.selected ? 'yes' : '',
    product.imported ? 'yes' : '',
  ]);
  for (const line of formatTable(
    ['SKU', 'name', 'type', 'status', 'category', 'selected', 'in Upstock'],
    rows,
  )) {
    session.output.line(line);
  }
  session.output.line();
  session.output.line(`${products.length} products`);
  return EXIT.ok;
}

function isService(product: CatalogProduct): boolean {
  return product.type.toLowerCase() === 'service';
}

/**
 * Finds the products named by SKU (case-insensitive) or Cin7 Core product ID. Throws CliError
 * listing every unknown SKU and what to do; nothing is changed then.
 */
function resolveSkus(products: CatalogProduct[], skus: string[]): CatalogProduct[] {
  const bySku = new Map(products.map((product) => [product.sku.toLowerCase(), product]));
  const byId = new Map(products.map((product) => [product.id.toLowerCase(), product]));
  const found: CatalogProduct[] = [];
  const unknown: string[] = [];
  for (const sku of skus) {
    const key = sku.trim().toLowerCase();
    const product = bySku.get(key) ?? byId.get(key);
    if (product) found.push(product);
    else unknown.push(sku);
  }
  if (unknown.length > 0) {
    throw new CliError(
      `Unknown SKU ${unknown.join(', ')}: no product in the local copy of the Cin7 Core catalog has it. ` +
        'Nothing was changed. Check the spelling with `agent products list --search TEXT`; for a product ' +
        'added in Cin7 Core since the last sync, run `agent sync --once --job products` first.',
      EXIT.usage,
    );
  }
  return found;
}

function targets(
  session: AgentSession,
  options: SelectOptions,
  skus: string[],
  verb: string,
): CatalogProduct[] {
  if (options.all && skus.length > 0)
    throw new CliError(`Give either --all or SKUs to ${verb}, not both.`, EXIT.usage);
  if (!options.all && skus.length === 0)
    throw new CliError(`Give the SKUs to ${verb}, or --all.`, EXIT.usage);
  const products = allProducts(session, { includeServices: true });
  return options.all ? products : resolveSkus(products, skus);
}

async function select(
  session: AgentSession,
  options: SelectOptions,
  skus: string[],
): Promise<number> {
  await ensureCatalog(session);
  const chosen = targets(session, options, skus, 'select');
  const services = chosen.filter(isService);
  if (!options.all && services.length > 0) {
    throw new CliError(
      `${services.map((product) => product.sku).join(', ')} ${services.length === 1 ? 'is a service' : 'are services'}: ` +
        'services are never sent to Upstock. Nothing was changed; select stock products only.',
      EXIT.usage,
    );
  }
  const stock = chosen.filter((product) => !isService(product));
  const changed = session.engine.selectProducts(stock.map((product) => product.id));
  const selected = session.engine.store.selection.listSelected().length;
  if (session.json) {
    session.output.json({
      newlySelected: changed,
      selected,
      servicesLeftOut: services.map((product) => product.sku),
    });
    return EXIT.ok;
  }
  session.output.line(`Selected ${changed} more products; ${selected} are selected for Upstock.`);
  if (services.length > 0)
    session.output.line(
      `Left out ${services.length} services: services are never sent to Upstock.`,
    );
  session.output.line('They are sent on the next sync (`agent sync --once` to sync now).');
  return EXIT.ok;
}

async function deselect(
  session: AgentSession,
  options: SelectOptions,
  skus: string[],
): Promise<number> {
  await ensureCatalog(session);
  const chosen = targets(session, options, skus, 'deselect');
  const changed = session.engine.deselectProducts(chosen.map((product) => product.id));
  const selected = session.engine.store.selection.listSelected().length;
  if (session.json) {
    session.output.json({ newlyDeselected: changed, selected });
    return EXIT.ok;
  }
  session.output.line(`Deselected ${changed} products; ${selected} remain selected for Upstock.`);
  return EXIT.ok;
}

/** Adds `products list`, `products select` and `products deselect` to the program. */
export function registerProductCommands(program: Command): void {
  const products = program
    .command('products')
    .description('List the Cin7 Core products and choose which ones Upstock sells');

  products
    .command('list')
    .description(
      'List the products in the local copy of the Cin7 Core catalog (read from Cin7 Core when empty)',
    )
    .option('--search <text>', 'only products whose SKU or name contains TEXT')
    .option('--selected', 'only products selected for Upstock')
    .option('--category <name>', 'only products of this Cin7 Core category')
    .option('--json', 'print the products as JSON')
    .action(withSession<ListOptions>((session, options) => list(session, options)));

  products
    .command('select')
    .description('Select products for Upstock by SKU; --all selects every product except services')
    .argument('[SKU...]', 'SKUs (or Cin7 Core product IDs) to select')
    .option('--all', 'select every stock product')
    .option('--json', 'print the result as JSON')
    .action(withSession<SelectOptions>((session, options, args) => select(session, options, args)));

  products
    .command('deselect')
    .description('Stop sending products to Upstock, by SKU or --all')
    .argument('[SKU...]', 'SKUs (or Cin7 Core product IDs) to deselect')
    .option('--all', 'deselect every product')
    .option('--json', 'print the result as JSON')
    .action(
      withSession<SelectOptions>((session, options, args) => deselect(session, options, args)),
    );
}
