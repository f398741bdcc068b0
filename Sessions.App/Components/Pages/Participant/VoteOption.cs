namespace Sessions.App.Components.Pages.Participant;

public sealed record VoteOption(Guid Id, string Text);
