// What the three tutorial pages share: the status line, the list of messages and the send form.
"use strict";

function webSocketUrl(path) {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    return `${scheme}://${location.host}${path}`;
}

function showStatus(text, state) {
    const status = document.getElementById("status");
    status.textContent = text;
    status.className = "status " + state;
}

function appendMessage(text) {
    const item = document.createElement("li");
    item.textContent = text;
    document.getElementById("messages").appendChild(item);
}

function setCanSend(canSend) {
    document.getElementById("messageText").disabled = !canSend;
    document.getElementById("send").disabled = !canSend;
    if (canSend) {
        document.getElementById("messageText").focus();
    }
}

// Sends the field's text on the socket that currentSocket() returns, when the form is submitted.
function sendFormTo(currentSocket) {
    document.getElementById("message-form").addEventListener("submit", (event) => {
        event.preventDefault();
        const input = document.getElementById("messageText");
        const socket = currentSocket();
        if (socket !== null && input.value !== "") {
            socket.send(input.value);
            input.value = "";
        }
    });
}

// Opens a socket that shows its state, lists what it receives and sends what is typed.
function openChat(path, lostText) {
    const ws = new WebSocket(webSocketUrl(path));
    ws.onopen = () => {
        showStatus("Connected", "connected");
        setCanSend(true);
    };
    ws.onmessage = (event) => appendMessage(event.data);
    ws.onclose = (event) => {
        setCanSend(false);
        showStatus(describeClose(event, lostText), "disconnected");
    };
    sendFormTo(() => ws);
    return ws;
}

// Says in words why a connection ended: closed by the server, or lost.
function describeClose(event, lostText) {
    return event.wasClean
        ? `Disconnected (code ${event.code}${event.reason ? ": " + event.reason : ""})`
        : lostText;
}
