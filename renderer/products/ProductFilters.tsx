import type { IpcResponse } from '../../shared/ipc.js';
import type { ProductFilter } from './product-filter.js';

type Facets = IpcResponse<'products:facets'>;

/** Renders the search box and the filter drop-downs above the product list. */
export function ProductFilters({
  filter,
  facets,
  onChange,
}: {
  filter: ProductFilter;
  facets: Facets;
  onChange(next: ProductFilter): void;
}) {
  function set<K extends keyof ProductFilter>(key: K, value: ProductFilter[K]) {
    onChange({ ...filter, [key]: value });
  }

  return (
    <div className="filters" role="search">
      <label>
        Search
        <input
          type="search"
          value={filter.search}
          placeholder="SKU or name"
          onChange={(event) => set('search', event.target.value)}
        />
      </label>
      <FacetSelect
        label="Category"
        value={filter.category}
        options={facets.categories}
        onChange={(value) => set('category', value)}
      />
      <FacetSelect
        label="Brand"
        value={filter.brand}
        options={facets.brands}
        onChange={(value) => set('brand', value)}
      />
      <FacetSelect
        label="Status"
        value={filter.status}
        options={facets.statuses}
        onChange={(value) => set('status', value)}
      />
      <label>
        Imported
        <select
          value={filter.imported}
          onChange={(event) => set('imported', event.target.value as ProductFilter['imported'])}
        >
          <option value="any">Any</option>
          <option value="yes">Imported</option>
          <option value="no">Not imported</option>
        </select>
      </label>
      <label>
        Selection
        <select
          value={filter.selected}
          onChange={(event) => set('selected', event.target.value as ProductFilter['selected'])}
        >
          <option value="any">Any</option>
          <option value="yes">Selected</option>
          <option value="no">Not selected</option>
        </select>
      </label>
    </div>
  );
}

function FacetSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: string[];
  onChange(value: string): void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">All</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}
