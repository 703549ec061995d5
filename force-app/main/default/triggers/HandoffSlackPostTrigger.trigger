trigger HandoffSlackPostTrigger on Handoff_Slack_Post__e(after insert) {
  SlackPostDispatcher.onEvents(Trigger.new);
}
