import { gateValidator } from './gate-validator';

/** `jira:workflowValidator` "Flight Plan: Qa gate". */
export const qaGateValidator = gateValidator('qa');
