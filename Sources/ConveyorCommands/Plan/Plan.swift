import Actions
import ArgumentParser
import Execution
import Forge
import Foundation
import Pipeline
import Triggers

extension Application {
    /// Resolves the triggering event and authorizes its sender; prints the decision and changes nothing.
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Decide what this job would run, and whether its sender may run it. Changes nothing.",
            discussion: """
                Reads the Actions environment (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY, …), the \
                label variables and .conveyor/config.yml, resolves the event, and asks the forge for the sender's \
                permission when something would run.

                  conveyor plan --format json
                  conveyor plan --event-name workflow_dispatch --event-path event.json --format json

                Exit status: 0 a decision was made (run or skip); 65 bad input (payload, configuration, \
                variables, flags, manual-run inputs, or a forge token the forge rejects); 75 the sender's permission \
                could not be checked now (run the job again).
                """
        )

        @OptionGroup var job: JobOptions
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text
        @Flag(help: "Record a refused sender in the state branch, as `conveyor run` does.") var recordDenial = false
        @OptionGroup var state: StateLocationOptions

        func run() async throws {
            let flags = job.flags
            let report: PlanReport
            do {
                report = try await Self.plan(
                    flags: flags, settings: try Settings.current(), state: state, recordDenial: recordDenial)
            } catch {
                // The same mapping as `run` (ExitStatus.of), so both exit alike on the same input.
                Diagnostics.error("\(error)")
                throw ExitStatus.of(error)
            }
            Console.write(try report.rendered(as: format))
            try report.throwIfFailed()
        }

        /// The decision for one job: resolve, then authorize a run. Network only for the permission lookup, for
        /// reading which labels state has handled (a Gitea label update that does not name the added label),
        /// and for recording a denial when asked to.
        static func plan(
            flags: JobInputs.Flags, settings: Settings, state: StateLocationOptions = .init(),
            recordDenial: Bool = false
        ) async throws -> PlanReport {
            try await decide(flags: flags, settings: settings, state: state, recordDenial: recordDenial).report
        }

        /// ``plan(flags:settings:state:recordDenial:)`` with the inputs and the resolved decision kept, for
        /// `conveyor run`.
        static func decide(
            flags: JobInputs.Flags, settings: Settings, state: StateLocationOptions,
            recordDenial: Bool
        ) async throws -> JobDecision {
            var inputs = try JobInputs.read(flags: flags, settings: settings)
            if let issue = issueNeedingHandledLabels(inputs) {
                do {
                    inputs.triggerContext.handledLabels = try await StateContext.with(
                        state, branch: inputs.configuration.state.branch, file: inputs.configuration.state.file
                    ) {
                        try await handledLabels(onIssue: issue, context: $0)
                    }
                } catch {
                    throw StateUnavailable(
                        "The Gitea event does not say which label was added, and the state branch could not be read "
                            + "to find out: \(error). Run the job again.")
                }
            }
            let decision = try TriggerResolver.resolve(inputs.triggerContext)
            guard case .run(let run) = decision else {
                return JobDecision(
                    inputs: inputs, decision: decision, report: PlanReport(decision: decision, outcome: nil))
            }
            let selfLogins = Authorizer.builtInSelfLogins.union(inputs.settings.selfLogins)
            let permissions = try? ForgeClients.make(environment: inputs.environment)
            let outcome: AuthorizationOutcome
            if let chained = try await chainedAuthorization(run, inputs: inputs, state: state, selfLogins: selfLogins) {
                outcome = chained
            } else {
                outcome = await SenderAuthorization.check(run, permissions: permissions, selfLogins: selfLogins)
            }
            if !outcome.authorized {
                Diagnostics.notice("Not authorized: \(outcome.reason)")
                if recordDenial && !outcome.tokenRejected {
                    try await StateContext.with(
                        state, branch: inputs.configuration.state.branch, file: inputs.configuration.state.file
                    ) {
                        try await recordDenialInState(run, reason: outcome.reason, context: $0)
                    }
                }
            }
            return JobDecision(
                inputs: inputs, decision: decision, report: PlanReport(decision: decision, outcome: outcome),
                authorization: outcome)
        }
    }
}

/// What a job decided: its inputs, the trigger decision and the report after authorization.
struct JobDecision: Sendable {
    let inputs: JobInputs
    let decision: TriggerDecision
    let report: PlanReport
    /// The sender's authorization, when the event asked for a run.
    var authorization: AuthorizationOutcome?

    /// The run to carry out: a resolved run whose sender is authorized; nil otherwise.
    var authorizedRun: TriggerRun? {
        guard report.authorized, case .run(let run) = decision else { return nil }
        return run
    }
}
