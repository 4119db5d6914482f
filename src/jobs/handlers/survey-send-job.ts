import { sendFirstSurveyQuestion, sendSurvey, type SurveyStarter } from '../../surveys/survey-service.js';
import type { JobHandler } from '../job-queue.js';
import { policyContext, type SchedulerDeps } from './scheduler-deps.js';

/** `survey.send`: sends one scheduled survey once; `startDialog` starts the survey conversation on its channel. */
export function createSurveySendJob(deps: SchedulerDeps & { startDialog?: SurveyStarter }): JobHandler<'survey.send'> {
  return ({ surveyId }) => sendSurvey(deps.db, surveyId, { ...policyContext(deps, deps.clock()), startDialog: deps.startDialog ?? sendFirstSurveyQuestion });
}
