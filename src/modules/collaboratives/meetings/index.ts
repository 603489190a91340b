/** Meetings, by concern: scheduling, agenda, attendance, decisions, action items. */
export { createMeetings, getMeeting, listMeetings, updateMeeting, upcomingMeetings } from './meetings.service';
export { saveAgenda } from './agenda.service';
export { attendanceOf, saveAttendance } from './attendance.service';
export { listDecisions, recentDecisions, recordDecision } from './decisions.service';
export { createActionItem, listActionItems, myTasks, openActionItems, updateActionItem } from './actions.service';
export { presentActionItem, presentDecision, presentMeetingSummary, torontoDate } from './presenter';
export { MAX_OCCURRENCES, occurrences } from '../calendar/recurrence';
