import type { SandboxUser } from './sandbox-api';

/** The options of an assignee picker: unassigned, then every demo user. */
export const UserOptions = ({ users }: { users: readonly SandboxUser[] }) => (
  <>
    <option value="">Unassigned</option>
    {users.map((user) => (
      <option key={user.accountId} value={user.accountId}>
        {user.displayName}
      </option>
    ))}
  </>
);

/** The options of a triage score picker: empty, then 1 to 5. */
export const ScoreOptions = () => (
  <>
    <option value="">—</option>
    {[1, 2, 3, 4, 5].map((score) => (
      <option key={score} value={score}>
        {score}
      </option>
    ))}
  </>
);
