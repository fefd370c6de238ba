import { gateValidator } from './gate-validator';

/** `jira:workflowValidator` "Flight Plan: Intake gate". */
export const intakeGateValidator = gateValidator('intake');
