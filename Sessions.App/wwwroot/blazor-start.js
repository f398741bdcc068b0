// Starts Blazor (App.razor loads blazor.web.js with autostart="false"). The connection is never given up,
// so no screen ever shows "reload": quickly at first, then every 3 s for as long as it takes. A circuit the
// server no longer knows is handled by Components/Layout/ReconnectModal.razor.js (a reload once it answers).
//
// A network that goes silent (the access point stops forwarding, the phone walks out of range) closes no
// socket: SignalR only notices when its server timeout runs out (30 s). The screen should say so within 2 s,
// so it listens to its own circuit's WebSocket: the server sends something at least once a second (a render,
// or a keep-alive ping: Program.cs sets the circuit hub's KeepAliveInterval to just under the server's 1 s
// heartbeat), and on a phone a silence of 1.5 s means the network is gone. That is only told, not acted on:
// the connection is not closed, so a blip that ends by itself costs nothing, and a room of 2,000 phones never
// reconnects at once because the server was busy for a moment. SignalR's own timeouts stay as they are.
// Board and console wait 5 s: their notice is a dialog over the page, not worth showing for a busy moment.
(() => {
    "use strict";

    const onPhone = document.getElementById("components-reconnect-modal")?.dataset.phone === "true";
    const silenceMs = onPhone ? 1500 : 5000;
    const checkEveryMs = 250;

    const state = { silent: false, lastHeard: 0, socket: null };
    window.sessionsConnection = state;

    function tell(silent) {
        if (state.silent === silent) {
            return;
        }
        state.silent = silent;
        document.dispatchEvent(new CustomEvent("sessions:connection", { detail: { silent } }));
    }

    // The circuit's WebSocket, as SignalR creates it, with an ear on what arrives.
    class WatchedWebSocket extends WebSocket {
        constructor(url, protocols) {
            super(url, protocols);
            const socket = this;
            state.socket = socket;
            state.lastHeard = 0;
            this.addEventListener("message", () => {
                if (state.socket === socket) {
                    state.lastHeard = performance.now();
                    tell(false);
                }
            });
            this.addEventListener("close", () => {
                if (state.socket === socket) {
                    // Blazor's own reconnection takes over from here (and says so).
                    state.socket = null;
                }
            });
        }
    }

    setInterval(() => {
        // Only a socket that has spoken is watched: not one still opening, nor a transport other than WebSockets.
        if (state.socket && state.lastHeard && document.visibilityState === "visible" &&
            performance.now() - state.lastHeard > silenceMs) {
            tell(true);
        }
    }, checkEveryMs);

    // A phone that wakes up has heard nothing while asleep: give the socket a moment to speak before judging it.
    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible" && state.lastHeard) {
            state.lastHeard = performance.now();
        }
    });

    Blazor.start({
        circuit: {
            reconnectionOptions: {
                maxRetries: undefined,
                retryIntervalMilliseconds: (attempt) => (attempt < 10 ? 1000 : 3000),
            },
            // The same address Blazor gives its connection ("_blazor"), with the watched WebSocket.
            configureSignalR: (builder) => builder.withUrl("_blazor", { WebSocket: WatchedWebSocket }),
        },
    });
})();
