import { gateValidator } from './gate-validator';

/** `jira:workflowValidator` "Flight Plan: Planning gate". */
export const planningGateValidator = gateValidator('planning');
