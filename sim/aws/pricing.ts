/**
 * The AWS Price List Query API (JSON 1.1, X-Amz-Target AWSPriceListService.*): GetProducts, DescribeServices and
 * GetAttributeValues over the simulator's price book (price-catalog.ts). Products are shaped as AWS writes them:
 * each PriceList element is a JSON document serialised as a string, with `product.attributes`, an OnDemand term
 * `<SKU>.JRTCKXETXF` and a price dimension `<SKU>.JRTCKXETXF.6YS6EN2CT7` whose pricePerUnit.USD is a string of ten
 * decimals. Filters are TERM_MATCH on an attribute (or ServiceCode); MaxResults is 1 to 100, NextToken opaque.
 */
import { createHash } from 'node:crypto';
import { AwsError } from './errors';
import { autoModeFee, INSTANCE_TYPES, onDemandPrice, SIM_REGIONS, type SimRegion } from './price-catalog';

/** The Price List is served from these regions only (AWS Price List Query API endpoints). */
export const PRICING_REGIONS = ['us-east-1', 'eu-central-1', 'ap-south-1'];

const PUBLICATION = '2026-11-20T18:00:00Z';
const VERSION = '20261120180000';
const OFFER_TERM = 'JRTCKXETXF';
const RATE_CODE = '6YS6EN2CT7';

interface Product {
  serviceCode: string;
  productFamily: string;
  attributes: Record<string, string>;
  unit: string;
  description: string;
  usd: number;
}

function skuOf(p: Product): string {
  return createHash('sha256').update(JSON.stringify([p.serviceCode, p.attributes])).digest('base64').replace(/[^A-Z0-9]/g, '').slice(0, 16).padEnd(16, 'X');
}

function ec2Products(r: SimRegion): Product[] {
  const out: Product[] = [];
  for (const [type, facts] of Object.entries(INSTANCE_TYPES)) {
    const usd = onDemandPrice(r, type);
    if (usd === null) continue;
    const base = {
      servicecode: 'AmazonEC2',
      servicename: 'Amazon Elastic Compute Cloud',
      location: r.location,
      locationType: 'AWS Region',
      regionCode: r.code,
      instanceType: type,
      instanceFamily: type.startsWith('c') ? 'Compute optimized' : 'General purpose',
      vcpu: String(facts.vcpu),
      memory: `${facts.memoryGiB} GiB`,
      physicalProcessor: facts.processor,
      processorArchitecture: '64-bit',
      storage: 'EBS only',
      licenseModel: 'No License required',
      preInstalledSw: 'NA',
      currentGeneration: 'Yes',
      marketoption: 'OnDemand',
    };
    // The Linux shared row Farview wants, and the rows a loose filter would also catch.
    out.push({
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: { ...base, operatingSystem: 'Linux', tenancy: 'Shared', capacitystatus: 'Used', usagetype: `${r.prefix}-BoxUsage:${type}`, operation: 'RunInstances' },
      unit: 'Hrs',
      description: `$${usd} per On Demand Linux ${type} Instance Hour`,
      usd,
    });
    out.push({
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: { ...base, operatingSystem: 'Linux', tenancy: 'Shared', capacitystatus: 'UnusedCapacityReservation', usagetype: `${r.prefix}-Reservation:${type}`, operation: 'RunInstances' },
      unit: 'Hrs',
      description: `$${usd} per Unused Reservation Linux ${type} Instance Hour`,
      usd,
    });
    out.push({
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: { ...base, operatingSystem: 'Linux', tenancy: 'Dedicated', capacitystatus: 'Used', usagetype: `${r.prefix}-DedicatedUsage:${type}`, operation: 'RunInstances' },
      unit: 'Hrs',
      description: `$${Math.round(usd * 1.1 * 1e4) / 1e4} per Dedicated Linux ${type} Instance Hour`,
      usd: Math.round(usd * 1.1 * 1e4) / 1e4,
    });
    if (facts.arch === 'amd64') {
      const windows = Math.round((usd + facts.vcpu * 0.046) * 1e4) / 1e4;
      out.push({
        serviceCode: 'AmazonEC2',
        productFamily: 'Compute Instance',
        attributes: { ...base, operatingSystem: 'Windows', licenseModel: 'License included', tenancy: 'Shared', capacitystatus: 'Used', usagetype: `${r.prefix}-BoxUsage:${type}`, operation: 'RunInstances:0002' },
        unit: 'Hrs',
        description: `$${windows} per On Demand Windows ${type} Instance Hour`,
        usd: windows,
      });
    }
  }
  return out;
}

function fargateProducts(r: SimRegion, serviceCode: 'AmazonECS' | 'AmazonEKS'): Product[] {
  const servicename = serviceCode === 'AmazonECS' ? 'Amazon Elastic Container Service' : 'Amazon Elastic Container Service for Kubernetes';
  const common = { servicecode: serviceCode, servicename, location: r.location, locationType: 'AWS Region', regionCode: r.code, tenancy: 'Shared', operation: '' };
  const row = (usagetype: string, extra: Record<string, string>, usd: number, description: string, unit = 'hours'): Product => ({
    serviceCode,
    productFamily: 'Compute',
    attributes: { ...common, usagetype, ...extra },
    unit,
    description,
    usd,
  });
  return [
    row(`${r.prefix}-Fargate-vCPU-Hours:perCPU`, { cputype: 'perCPU' }, r.fargate.vcpuHour, `AWS Fargate - vCPU - ${r.location}`),
    row(`${r.prefix}-Fargate-GB-Hours`, { memorytype: 'perGB' }, r.fargate.gbHour, `AWS Fargate - Memory - ${r.location}`),
    row(`${r.prefix}-Fargate-EphemeralStorage-GB-Hours`, { storagetype: 'default' }, r.fargate.ephemeralGbHour, `AWS Fargate - Ephemeral Storage - ${r.location}`, 'GB-Hours'),
    // ECS-only Arm rates, which a filter on usagetype must not confuse with the x86 ones.
    row(`${r.prefix}-Fargate-ARM-vCPU-Hours:perCPU`, { cputype: 'perCPU', cpuArchitecture: 'ARM' }, Math.round(r.fargate.vcpuHour * 0.8 * 1e5) / 1e5, `AWS Fargate - ARM - vCPU - ${r.location}`),
    row(`${r.prefix}-Fargate-ARM-GB-Hours`, { memorytype: 'perGB', cpuArchitecture: 'ARM' }, Math.round(r.fargate.gbHour * 0.8 * 1e6) / 1e6, `AWS Fargate - ARM - Memory - ${r.location}`),
  ];
}

/**
 * The AmazonEKS products of EKS Auto Mode: one per instance type, operation EKSAutoUsage, eksproducttype AutoMode
 * and the type in `instancetype`, as AWS lists them. (The usage type's exact spelling was not found recorded; it
 * is written here in the pattern of the other EKS usage types, and Farview does not read it.)
 */
function autoModeProducts(r: SimRegion): Product[] {
  return Object.keys(INSTANCE_TYPES).flatMap((type) => {
    const usd = autoModeFee(r, type);
    if (usd === null) return [];
    return [
      {
        serviceCode: 'AmazonEKS',
        productFamily: 'Compute',
        attributes: {
          servicecode: 'AmazonEKS',
          servicename: 'Amazon Elastic Container Service for Kubernetes',
          location: r.location,
          locationType: 'AWS Region',
          regionCode: r.code,
          instancetype: type,
          eksproducttype: 'AutoMode',
          operation: 'EKSAutoUsage',
          usagetype: `${r.prefix}-AutoMode-Usage:${type}`,
        },
        unit: 'Hrs',
        description: `$${usd} per hour for EKS Auto Mode management of a ${type} instance`,
        usd,
      },
    ];
  });
}

let catalogue: Product[] | null = null;
function products(): Product[] {
  catalogue ??= SIM_REGIONS.flatMap((r) => [...ec2Products(r), ...fargateProducts(r, 'AmazonECS'), ...fargateProducts(r, 'AmazonEKS'), ...autoModeProducts(r)]);
  return catalogue;
}

const SERVICE_CODES = ['AmazonEC2', 'AmazonECS', 'AmazonEKS'];

function priceDocument(p: Product): string {
  const sku = skuOf(p);
  const term = `${sku}.${OFFER_TERM}`;
  const rate = `${term}.${RATE_CODE}`;
  return JSON.stringify({
    product: { productFamily: p.productFamily, attributes: p.attributes, sku },
    serviceCode: p.serviceCode,
    terms: {
      OnDemand: {
        [term]: {
          priceDimensions: {
            [rate]: { unit: p.unit, endRange: 'Inf', description: p.description, appliesTo: [], rateCode: rate, beginRange: '0', pricePerUnit: { USD: p.usd.toFixed(10) } },
          },
          sku,
          effectiveDate: '2026-11-01T00:00:00Z',
          offerTermCode: OFFER_TERM,
          termAttributes: {},
        },
      },
    },
    version: VERSION,
    publicationDate: PUBLICATION,
  });
}

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterException', 400, message);
}

function str(body: Record<string, unknown>, key: string, required: boolean): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) {
    if (required) throw invalid(`1 validation error detected: Value null at '${key.charAt(0).toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (typeof v !== 'string') throw invalid(`${key} must be a string`);
  return v;
}

function pageSize(body: Record<string, unknown>): number {
  const v = body.MaxResults;
  if (v === undefined || v === null) return 100;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 100) {
    throw invalid(`1 validation error detected: Value '${String(v)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
  }
  return v;
}

// Tokens look like AWS's "<base64>==:<base64>" and carry the offset.
function encodeToken(kind: string, offset: number): string {
  return `${Buffer.from(kind).toString('base64')}:${Buffer.from(`offset=${offset}`).toString('base64')}`;
}
function decodeToken(kind: string, token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  const [k, o] = token.split(':');
  const m = /^offset=(\d+)$/.exec(Buffer.from(o ?? '', 'base64').toString('utf8'));
  if (Buffer.from(k ?? '', 'base64').toString('utf8') !== kind || !m) throw new AwsError('InvalidNextTokenException', 400, 'The NextToken is not valid for this request.');
  return Number(m[1]);
}

function page<T>(items: T[], kind: string, body: Record<string, unknown>): { items: T[]; next?: string } {
  const size = pageSize(body);
  const start = decodeToken(kind, str(body, 'NextToken', false));
  const slice = items.slice(start, start + size);
  return start + size < items.length ? { items: slice, next: encodeToken(kind, start + size) } : { items: slice };
}

function serviceCodeOf(body: Record<string, unknown>, required: boolean): string | undefined {
  const code = str(body, 'ServiceCode', required);
  if (code !== undefined && !SERVICE_CODES.includes(code)) throw new AwsError('NotFoundException', 400, `The requested service code ${code} is not valid or does not exist.`);
  return code;
}

function getProducts(body: Record<string, unknown>): Record<string, unknown> {
  const code = serviceCodeOf(body, true);
  const filters = body.Filters ?? [];
  if (!Array.isArray(filters)) throw invalid('Filters must be a list');
  const terms = filters.map((f: unknown, i) => {
    const o = (f ?? {}) as Record<string, unknown>;
    if (o.Type !== 'TERM_MATCH' && o.Type !== 'EQUALS') throw invalid(`Filters.${i + 1}.Type must be TERM_MATCH`);
    if (typeof o.Field !== 'string' || typeof o.Value !== 'string') throw invalid(`Filters.${i + 1} needs a Field and a Value`);
    return { field: o.Field.toLowerCase(), value: o.Value };
  });
  const match = products().filter((p) => {
    if (p.serviceCode !== code) return false;
    return terms.every((t) => {
      if (t.field === 'servicecode') return p.serviceCode === t.value;
      if (t.field === 'productfamily') return p.productFamily === t.value;
      const key = Object.keys(p.attributes).find((k) => k.toLowerCase() === t.field);
      return key !== undefined && p.attributes[key].toLowerCase() === t.value.toLowerCase();
    });
  });
  const r = page(match, `GetProducts/${code}/${JSON.stringify(terms)}`, body);
  return { FormatVersion: 'aws_v1', PriceList: r.items.map(priceDocument), ...(r.next ? { NextToken: r.next } : {}) };
}

function attributeNames(code: string): string[] {
  const names = new Set<string>();
  for (const p of products()) if (p.serviceCode === code) for (const k of Object.keys(p.attributes)) names.add(k);
  names.add('productFamily');
  return [...names].sort();
}

function describeServices(body: Record<string, unknown>): Record<string, unknown> {
  const code = serviceCodeOf(body, false);
  const codes = code ? [code] : SERVICE_CODES;
  const r = page(codes, `DescribeServices/${code ?? ''}`, body);
  return { FormatVersion: 'aws_v1', Services: r.items.map((c) => ({ ServiceCode: c, AttributeNames: attributeNames(c) })), ...(r.next ? { NextToken: r.next } : {}) };
}

function getAttributeValues(body: Record<string, unknown>): Record<string, unknown> {
  const code = serviceCodeOf(body, true) as string;
  const name = str(body, 'AttributeName', true) as string;
  const values = new Set<string>();
  for (const p of products()) {
    if (p.serviceCode !== code) continue;
    const v = name === 'productFamily' ? p.productFamily : p.attributes[name];
    if (v !== undefined) values.add(v);
  }
  if (values.size === 0) throw new AwsError('NotFoundException', 400, `The requested attribute name ${name} is not valid for service code ${code}.`);
  const r = page([...values].sort(), `GetAttributeValues/${code}/${name}`, body);
  return { AttributeValues: r.items.map((Value) => ({ Value })), ...(r.next ? { NextToken: r.next } : {}) };
}

/**
 * One Price List call. `target` is the X-Amz-Target header, `region` the SigV4 scope's.
 * @throws AwsError with the Price List's error codes
 */
export function handlePricing(target: string, rawBody: string, region: string): Record<string, unknown> {
  if (!PRICING_REGIONS.includes(region)) {
    throw new AwsError('UnrecognizedClientException', 400, `The Price List Query API is served in ${PRICING_REGIONS.join(', ')}, not ${region}.`);
  }
  let body: Record<string, unknown>;
  try {
    body = rawBody.trim() === '' ? {} : (JSON.parse(rawBody) as Record<string, unknown>);
  } catch {
    throw new AwsError('SerializationException', 400, 'Start of structure or map found where not expected.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AwsError('SerializationException', 400, 'The request body must be a JSON object.');
  const op = target.startsWith('AWSPriceListService.') ? target.slice('AWSPriceListService.'.length) : '';
  switch (op) {
    case 'GetProducts':
      return getProducts(body);
    case 'DescribeServices':
      return describeServices(body);
    case 'GetAttributeValues':
      return getAttributeValues(body);
    default:
      throw new AwsError('UnknownOperationException', 400, `Operation ${JSON.stringify(target)} is not served by this endpoint.`);
  }
}
