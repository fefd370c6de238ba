import { gateValidator } from './gate-validator';

/** `jira:workflowValidator` "Flight Plan: Launch gate". */
export const launchGateValidator = gateValidator('launch');
