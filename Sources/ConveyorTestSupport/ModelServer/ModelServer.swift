import FlyingFox
import Foundation

/// A scripted stand-in for the Anthropic Messages API on `127.0.0.1` and a free port, for running the real Claude
/// Code CLI in tests.
///
/// ```swift
/// let server = try await ModelServer.start(script: ModelScript([
///     .tools([.write(id: "toolu_01", filePath: work.path + "/a.md", content: "A\n")], usage: ...),
///     .text("Done.", usage: ...),
/// ]))
/// defer { Task { await server.stop() } }
/// // run claude with server.cliEnvironment(home: scratchHome)
/// let requests = await server.requests()
/// ```
///
/// Each `POST /v1/messages` takes the next reply of the script; tool calls make the CLI's own tools (`Write`…)
/// act on real files, and the tool results come back in the next request. Every request is recorded.
public final class ModelServer: Sendable {
    /// `http://127.0.0.1:<port>`, the value for `ANTHROPIC_BASE_URL`.
    public let baseURL: URL
    private let state: ModelServerState
    private let server: LoopbackHTTPServer

    private init(baseURL: URL, state: ModelServerState, server: LoopbackHTTPServer) {
        self.baseURL = baseURL
        self.state = state
        self.server = server
    }

    /// Starts a server that answers with `script` and waits until it listens.
    public static func start(script: ModelScript) async throws -> ModelServer {
        let state = ModelServerState(script: script)
        let server = try await LoopbackHTTPServer.start(handler: ModelHTTPHandler(state: state))
        return ModelServer(baseURL: try server.url(), state: state, server: server)
    }

    /// Every request received so far, in order.
    public func requests() async -> [RecordedModelRequest] {
        await state.requests
    }

    /// The variables that point Claude Code at this server and keep it off the network: base URL, a dummy API key,
    /// no telemetry, no auto-update, no non-essential traffic, no retries of failed calls, and `home` as `HOME`.
    public func cliEnvironment(home: URL) -> [String: String] {
        [
            "ANTHROPIC_BASE_URL": baseURL.absoluteString,
            "ANTHROPIC_API_KEY": "sk-ant-scripted-dummy-key",
            "HOME": home.path,
            "DISABLE_TELEMETRY": "1",
            "DISABLE_AUTOUPDATER": "1",
            "DISABLE_ERROR_REPORTING": "1",
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
            "CLAUDE_CODE_MAX_RETRIES": "0",
        ]
    }

    /// Stops listening and closes open connections.
    public func stop() async {
        await server.stop()
    }
}
