// Starts Blazor (App.razor loads blazor.web.js with autostart="false"). The connection is never given up,
// so no screen ever shows "reload": quickly at first, then every 3 s for as long as it takes. A circuit the
// server no longer knows is handled by Components/Layout/ReconnectModal.razor.js (a reload once it answers).
Blazor.start({
    circuit: {
        reconnectionOptions: {
            maxRetries: undefined,
            retryIntervalMilliseconds: (attempt) => (attempt < 10 ? 1000 : 3000),
        },
    },
});
