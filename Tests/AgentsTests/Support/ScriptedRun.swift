import Agents
import ConveyorTestSupport

/// A scripted model server started for one agent run: what ``runAgent(_:servedBy:)`` needs of it.
protocol ScriptedRunServer: Sendable {
    func requests() async -> [RecordedModelRequest]
    func stop() async
}

extension ModelServer: ScriptedRunServer {}
extension ResponsesAPIServer: ScriptedRunServer {}

/// Runs `invocation` against `server` and stops the server whether or not the run throws; returns the outcome
/// and every request the server saw.
func runAgent(_ invocation: AgentInvocation, servedBy server: some ScriptedRunServer) async throws -> (
    AgentOutcome, [RecordedModelRequest]
) {
    let outcome: AgentOutcome
    do {
        outcome = try await AgentRunner.run(invocation)
    } catch {
        await server.stop()
        throw error
    }
    let requests = await server.requests()
    await server.stop()
    return (outcome, requests)
}
