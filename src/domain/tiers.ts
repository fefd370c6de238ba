/** Governance tiers, lightest first: the order matters for "raising" and "lowering". */
export const TIERS = ['low-risk', 'revenue', 'regulated'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_LABELS: Readonly<Record<Tier, string>> = {
  'low-risk': 'Low-risk',
  revenue: 'Revenue',
  regulated: 'Regulated',
};

export const isTier = (value: unknown): value is Tier => typeof value === 'string' && (TIERS as readonly string[]).includes(value);

/** True when moving from `from` to `to` lightens governance (the audit trail must record who and why). */
export const isTierLowering = (from: Tier | undefined, to: Tier): boolean => from !== undefined && TIERS.indexOf(to) < TIERS.indexOf(from);
