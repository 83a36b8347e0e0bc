import type { IpcRequest } from '../../shared/ipc.js';

/** The filters on the Products screen, as the form stores them. */
export interface ProductFilter {
  search: string;
  category: string;
  brand: string;
  status: string;
  imported: 'any' | 'yes' | 'no';
  selected: 'any' | 'yes' | 'no';
}

export const NO_FILTER: ProductFilter = {
  search: '',
  category: '',
  brand: '',
  status: '',
  imported: 'any',
  selected: 'any',
};

/** Converts the form's filter to a `products:list` request, leaving out empty fields. */
export function toListRequest(filter: ProductFilter): IpcRequest<'products:list'> {
  const request: IpcRequest<'products:list'> = {};
  const search = filter.search.trim();
  if (search) request.search = search;
  if (filter.category) request.category = filter.category;
  if (filter.brand) request.brand = filter.brand;
  if (filter.status) request.status = filter.status;
  if (filter.imported !== 'any') request.imported = filter.imported === 'yes';
  if (filter.selected !== 'any') request.selected = filter.selected === 'yes';
  return request;
}
