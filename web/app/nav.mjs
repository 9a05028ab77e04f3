// The navigation as the catalogue lists it: groups of entries {metric, variant|null, label_key}.
// An entry with a variant (Erlang B under Staffing) opens that metric with that variant chosen; an
// entry without one stands for the metric's other variants. Pure functions over the catalogue.

/** The groups with their entries; a catalogue without `entries` lists one entry per metric. */
export function navGroups(catalogue) {
  return catalogue.groups.map((group) => {
    const entries = Array.isArray(group.entries) ? group.entries
      : (group.metrics ?? []).map((metric) => ({ metric, variant: null, label_key: `metric.${metric}.name` }));
    const known = entries.filter((entry) => {
      const metric = catalogue.metrics.find((item) => item.id === entry.metric);
      return metric && (!entry.variant || metric.variants.some((variant) => variant.id === entry.variant));
    }).map((entry) => ({ metric: entry.metric, variant: entry.variant || null, label_key: entry.label_key, group: group.id }));
    return { id: group.id, label_key: group.label_key, entries: known };
  }).filter((group) => group.entries.length);
}

/** The variants of a metric that have an entry of their own. */
export function ownVariants(groups, metricId) {
  return new Set(groups.flatMap((group) => group.entries)
    .filter((entry) => entry.metric === metricId && entry.variant).map((entry) => entry.variant));
}

/**
 * The entry a metric and variant belong to: the entry naming that variant, else the metric's entry
 * without a variant, else any entry of the metric.
 */
export function activeEntry(groups, metricId, variantId) {
  const entries = groups.flatMap((group) => group.entries).filter((entry) => entry.metric === metricId);
  return entries.find((entry) => entry.variant && entry.variant === variantId)
    ?? entries.find((entry) => !entry.variant) ?? entries[0] ?? null;
}

/** The value of data-nav for an entry: "nps", or "blocking/erlang_b" for an entry with a variant. */
export function entryId(entry) {
  return entry.variant ? `${entry.metric}/${entry.variant}` : entry.metric;
}

/**
 * What remembers a metric's last state during the visit: the metric, or metric/variant for a
 * variant with its own entry (so "Blocked contacts" and "Erlang B" each keep their numbers).
 */
export function memoryKey(groups, metricId, variantId) {
  return variantId && ownVariants(groups, metricId).has(variantId) ? `${metricId}/${variantId}` : metricId;
}
