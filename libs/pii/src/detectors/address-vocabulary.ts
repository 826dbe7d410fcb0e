// Words and codes that make a run of words a postal address.

export const STREET_SUFFIXES =
  'Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|' +
  'Highway|Hwy|Parkway|Pkwy|Square|Sq|Trail|Trl|Crescent|Cres|Close|Grove|Gardens|Gdns|Row|Mews|Walk|Hill|Park|' +
  'Alley|Loop|Pike|Plaza|Expressway|Expy|Freeway|Fwy|Broadway|Causeway|Esplanade|Parade|Quay|Wharf|Green|Rise|' +
  'Vale|View|Crossing|Point|Ridge|Path|Heights|Commons|Estate|Manor|Junction|Marg|Nagar|Salai|Bypass|Center|Centre';

// Written in lower case in chat ("221 baker street"); the short forms only with a capital (St, Dr, Ct).
export const LOWER_CASE_STREET_SUFFIXES =
  'street|avenue|road|boulevard|lane|drive|court|terrace|highway|parkway|blvd|ave|rd|ln';

export const US_STATE_CODES = new Set(
  (
    'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK ' +
    'OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR AB BC MB NB NL NS NT NU ON PE QC SK YT NSW VIC QLD TAS ACT'
  ).split(' '),
);

export const REGION_NAMES = new Set(
  (
    'alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho ' +
    'illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota ' +
    'mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah ' +
    'vermont virginia washington wisconsin wyoming ontario quebec alberta manitoba saskatchewan ' +
    'karnataka maharashtra kerala gujarat rajasthan punjab haryana telangana bihar odisha assam'
  ).split(' '),
);
// Two-word regions, matched on the joined lower-case text.
export const MULTI_WORD_REGIONS = new Set([
  'new hampshire',
  'new jersey',
  'new mexico',
  'new york',
  'north carolina',
  'north dakota',
  'rhode island',
  'south carolina',
  'south dakota',
  'west virginia',
  'british columbia',
  'nova scotia',
  'new brunswick',
  'tamil nadu',
  'uttar pradesh',
  'madhya pradesh',
  'andhra pradesh',
  'west bengal',
  'new south wales',
  'greater london',
  'district of columbia',
]);

export const COUNTRY_NAMES = new Set(
  (
    'usa u.s.a. us u.s. america uk u.k. england scotland wales ireland canada india australia germany france ' +
    'spain italy netherlands mexico brazil japan singapore nigeria kenya portugal belgium austria switzerland ' +
    'sweden norway denmark finland poland'
  ).split(' '),
);
export const MULTI_WORD_COUNTRIES = new Set([
  'united states',
  'united kingdom',
  'new zealand',
  'south africa',
  'northern ireland',
]);

// UK postcodes (outward code, space, inward code) and Canadian postal codes.
export const UK_POSTCODE = String.raw`(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})`;
export const CA_POSTCODE = String.raw`(?:[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d)`;
// Irish Eircodes: routing key, space, unique identifier.
export const IE_EIRCODE = String.raw`(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}`;
