import { gateValidator } from './gate-validator';

/** `jira:workflowValidator` "Flight Plan: Measure gate". */
export const measureGateValidator = gateValidator('measure');
