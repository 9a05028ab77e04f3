// The translation tables, loaded as part of the module graph so they arrive before the page's load
// event (no request afterwards) and so the single-file build can inline them. en.json holds the
// page's own English strings; English catalogue texts come from the core's catalogue.
import en from '../i18n/en.json' with { type: 'json' };
import et from '../i18n/et.json' with { type: 'json' };
import fi from '../i18n/fi.json' with { type: 'json' };
import ro from '../i18n/ro.json' with { type: 'json' };
import tr from '../i18n/tr.json' with { type: 'json' };
import ar from '../i18n/ar.json' with { type: 'json' };

export default { en, et, fi, ro, tr, ar };
