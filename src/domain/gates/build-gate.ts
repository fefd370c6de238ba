import { blacklistedWordsIn, checkAssetRegisterVersions, followsPattern } from '../naming-check';
import { plural, type GateChecks } from './gate-context';

type BuildItem = 'build.naming' | 'build.no-final-names' | 'build.versions' | 'build.ready-for-review';

const quoted = (names: readonly string[]): string => {
  const shown = names
    .slice(0, 2)
    .map((name) => `"${name}"`)
    .join(', ');
  return names.length > 2 ? `${shown} and ${names.length - 2} more` : shown;
};

export const BUILD_CHECKS: GateChecks<BuildItem> = {
  'build.naming': ({ record, config }) => {
    const off = record.assets
      .filter((asset) => !followsPattern(asset.name, config.naming.pattern, record.plan.tracking.campaignKey))
      .map((asset) => asset.name);
    return off.length === 0 ? null : `${plural(off.length, 'asset name')} off convention (${quoted(off)})`;
  },
  'build.no-final-names': ({ record, config }) => {
    const flagged = record.assets
      .filter((asset) => blacklistedWordsIn(asset.name, config.naming.blacklist).length > 0)
      .map((asset) => asset.name);
    return flagged.length === 0 ? null : `"final"-style names on ${plural(flagged.length, 'asset')} (${quoted(flagged)})`;
  },
  'build.versions': ({ record, config }) => {
    const problems = checkAssetRegisterVersions(record.assets, config.naming.pattern, record.plan.tracking.campaignKey);
    return problems.length === 0 ? null : problems.map((problem) => problem.message).join('; ');
  },
  'build.ready-for-review': ({ record }) => {
    if (record.assets.length === 0) return 'no assets to review';
    const notReady = record.assets.filter((asset) => !asset.readyForReview).length;
    return notReady === 0 ? null : `${plural(notReady, 'asset')} not ready for review`;
  },
};
