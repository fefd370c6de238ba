import { gateValidator } from './gate-validator';

/** `jira:workflowValidator` "Flight Plan: Build gate". */
export const buildGateValidator = gateValidator('build');
