import Actions
import ArgumentParser
import Execution
import Foundation
import Pipeline
import StateBranch
import Triggers

extension Application {
    /// The main job: resolve the event, authorize the sender, run the stage and publish it.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run one stage on one work item from the Actions environment, and publish the result.",
            discussion: """
                Resolves the event like `conveyor plan`, refuses (and records) senders without write permission, \
                claims the work item's stage on the state branch, prepares the work branch, runs the agent, \
                evaluates the gate, then pushes the branch, opens or updates the pull request, rewrites the \
                status comment, moves the labels and posts a commit status. Running the same job again repeats \
                no side effect.

                  conveyor run
                  conveyor run --stage intake --issue 12 --mode rerun

                Exit status: 0 done (or nothing to do); 1 the gate failed or the stage could not finish; 3 another \
                job holds this work item and stage; 4 state changes were saved to a pending file (replay it); 65 bad \
                input (payload, configuration, variables, flags, manual-run inputs, agent, a rejected token); 75 try \
                again later (the forge, the state branch or the model API was unavailable, or the claim could not be \
                pushed); 78 the token lacks a permission or the agent its key or program (checked before anything is \
                claimed); 130/143 stopped by SIGINT/SIGTERM (the run is recorded as cancelled and its lease freed).
                """
        )

        @OptionGroup var job: JobOptions
        @Option(help: "Agent: claude, codex, command or offline; default CONVEYOR_AGENT, then the configuration.")
        var agent: String?
        @OptionGroup var state: StateLocationOptions

        func run() async throws {
            do {
                try await runJob()
            } catch let exit as ExitCode {
                throw exit
            } catch {
                // One mapping for every error that ends a job, so `run` and `plan` exit alike (ExitStatus.of).
                Diagnostics.error("\(error)")
                throw ExitStatus.of(error)
            }
        }

        private func runJob() async throws {
            let settings = try Settings.current()
            if settings.actions.token == nil {
                // Fail closed (research seed 001, #33): without a token the job can neither authorize nor publish.
                Diagnostics.error(
                    "No forge token: none of \(ActionsEnvironment.tokenVariables.joined(separator: ", ")) is set, so "
                        + "this job can neither check the sender nor publish; nothing was claimed. Pass "
                        + "`GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` in the step's env.")
                throw ExitStatus.missingAccess
            }
            let decided = try await Plan.decide(flags: job.flags, settings: settings, state: state, recordDenial: true)
            let output = ActionsOutput(environment: decided.inputs.environment)
            if let token = decided.inputs.environment.token,
                case let holders = ProcessEnvironment.ancestorsHolding([token]), !holders.isEmpty
            {
                Diagnostics.notice(
                    "The forge token is in the environment of conveyor's parent process (pid "
                        + "\(holders.map(String.init).joined(separator: ", "))), where the agent could read it. Start "
                        + "conveyor with `exec conveyor run` in the workflow step so no shell keeps it.")
            }
            if let run = decided.authorizedRun, case .docAudit(let audit) = run.operation {
                // A pull request's doc audit (ADR 0014): its own job, exit 0 passed, 1 failed.
                try await DocAuditRunner(run: run, audit: audit, inputs: decided.inputs, agentFlag: agent, state: state)
                    .execute(output: output)
                return
            }
            let inputs = decided.inputs
            let configuration = inputs.configuration
            let report = try await StateContext.with(
                state, branch: configuration.state.branch, file: configuration.state.file
            ) { stateContext in
                let context = try JobContext.make(inputs: inputs, agentFlag: agent, state: stateContext)
                let event = JobEvent.of(
                    name: inputs.triggerContext.eventName, payload: inputs.triggerContext.payload,
                    actionsRun: stateContext.actionsRun)
                let job = Job(context: context, event: event)
                return try await TerminationSignals.cancelling {
                    try await job.perform(decided.decision, authorization: decided.authorization)
                }
            }
            if let authorization = report.authorization, authorization.byRecordedApproval {
                Diagnostics.notice("Authorized by state: \(authorization.reason)")
            }
            if let action = report.action { Console.write("run: decided \(action)") }
            guard let result = report.stage else {
                if report.outcome == .denied || report.outcome == .skipped {
                    Console.write(try decided.report.rendered(as: .text))
                    _ = try? output.setOutput("verdict", to: "skipped")
                    try decided.report.throwIfFailed()
                } else {
                    Console.write("run: \(report.message)")
                    _ = try? output.setOutput("verdict", to: report.outcome.rawValue)
                }
                return
            }
            try self.report(result, output: output)
        }

        private func report(_ result: StageJobResult, output: ActionsOutput) throws {
            Console.write("run: \(result.message)")
            _ = try? output.setOutput("stage", to: result.stage)
            _ = try? output.setOutput("verdict", to: result.verdict.isEmpty ? result.outcome.rawValue : result.verdict)
            _ = try? output.setOutput("pr-url", to: result.pullRequestURL ?? "")
            _ = try? output.setOutput("cost-usd", to: result.costUSD.map { String(format: "%.4f", $0) } ?? "0")
            _ = try? output.setOutput("tokens", to: result.tokens.map(String.init) ?? "0")
            _ = try? output.appendSummary(
                "### Conveyor\n\n\(result.message)\n"
                    + (result.pullRequestURL.map { "\nPull request: \($0)\n" } ?? "")
                    + (result.transcript.map { "\nAgent transcript: `\($0)`\n" } ?? "")
                    + (result.commandLog.map { "\nRepository commands' whole output: `\($0)`\n" } ?? ""))
            if let transcript = result.transcript { Diagnostics.notice("Agent transcript: \(transcript)") }
            switch result.outcome {
            case .duplicate:
                Diagnostics.notice(result.message)
                throw ExitStatus.duplicate
            case .alreadyDone, .alreadyHandled:
                Diagnostics.notice(result.message)
            case .budgetExceeded:
                Diagnostics.error(result.message)
                throw ExitStatus.failure
            case .completed where result.verdict == "fail":
                Diagnostics.error(result.message)
                throw ExitStatus.failure
            case .completed:
                break
            }
        }
    }
}
