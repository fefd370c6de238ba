import { gateValidator } from './gate-validator';

/** `jira:workflowValidator` "Flight Plan: Triage gate". */
export const triageGateValidator = gateValidator('triage');
