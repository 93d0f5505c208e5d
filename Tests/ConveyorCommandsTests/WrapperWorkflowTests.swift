import Foundation
import Testing
import Yams

/// The one wrapper workflow (`conveyor init`'s, both flavours), the reusable workflow and its callers, read as
/// shipped: what issue 7 ("one wrapper for every event") and issue 8 ("reusable workflow calls") ask of them.
@Suite struct WrapperWorkflowTests {
    typealias Files = AdoptionPointsTests

    static let wrappers = ["action/templates/init/github/conveyor.yml", "action/templates/init/gitea/conveyor.yml"]
    static let reusable = [".github/workflows/stage.yml", ".gitea/workflows/stage.yml"]
    static let callers = ["action/templates/conveyor-call.yml", "action/templates/gitea/conveyor-call.yml"]

    static func jobs(_ path: String) throws -> [String: [String: Any]] {
        try #require(try Files.yaml(path)["jobs"] as? [String: [String: Any]], "\(path) has no jobs")
    }

    /// True when `job` runs Conveyor itself (a step using the action), rather than calling a reusable workflow.
    static func runsConveyor(_ job: [String: Any]) -> Bool {
        let steps = job["steps"] as? [[String: Any]] ?? []
        return steps.contains { ($0["uses"] as? String)?.contains("conveyor-ci/conveyor/action@") == true }
    }

    @Test(
        "the wrapper listens to every event Conveyor acts on, with the manual-run and flow inputs", arguments: wrappers)
    func wrapperEvents(path: String) throws {
        let on = try #require(try Files.yaml(path)["on"] as? [String: Any])
        #expect(
            Set(on.keys) == [
                "issues", "issue_comment", "pull_request", "pull_request_review", "workflow_dispatch", "schedule",
            ])
        let dispatch = try #require(on["workflow_dispatch"] as? [String: Any])
        let inputs = try #require(dispatch["inputs"] as? [String: [String: Any]])
        #expect(Set(inputs.keys) == ["issue", "stage", "mode", "agent", "flow", "dry_run"])
        #expect(inputs["mode"]?["options"] as? [String] == ["run", "rerun", "resume"])
        let schedule = try #require(on["schedule"] as? [[String: String]])
        #expect(schedule.first?["cron"] == "*/15 * * * *")
    }

    @Test(
        "the wrapper's stage job runs `conveyor run`, its tick job `conveyor tick` on the schedule", arguments: wrappers
    )
    func wrapperJobs(path: String) throws {
        let jobs = try Self.jobs(path)
        #expect(Set(jobs.keys) == ["stage", "tick"])
        let stage = try #require(jobs["stage"])
        let tick = try #require(jobs["tick"])
        #expect(Self.runsConveyor(stage) && Self.runsConveyor(tick))
        let stageCondition = try #require(stage["if"] as? String)
        #expect(stageCondition.contains("inputs.flow == ''"), "a flow dispatch is the tick job's")
        let tickCondition = try #require(tick["if"] as? String)
        #expect(tickCondition.contains("github.event_name == 'schedule'"))
        let tickStep = try #require((tick["steps"] as? [[String: Any]])?.last?["with"] as? [String: Any])
        #expect(tickStep["command"] as? String == "tick")
        #expect(tickStep["agent-cli"] as? String == "none")
        let stageStep = try #require((stage["steps"] as? [[String: Any]])?.last?["with"] as? [String: Any])
        #expect(stageStep["command"] == nil, "the action's default command is run")
        for input in ["issue", "stage", "mode", "agent"] {
            #expect((stageStep[input] as? String)?.contains("inputs.\(input)") == true, "\(input) is not passed on")
        }
    }

    @Test("`actions: write` only where a dispatch needs it, and said so", arguments: wrappers + reusable + callers)
    func actionsWriteOnlyForDispatch(path: String) throws {
        let permissions = try #require(try Files.yaml(path)["permissions"] as? [String: String])
        if Self.wrappers.contains(path) {
            #expect(permissions["actions"] == "write")
            #expect(try Files.text(path).contains("`actions: write` is used only to dispatch this workflow again"))
        } else {
            #expect(permissions["actions"] == nil, "\(path) asks for actions: write, which it does not use")
        }
        for scope in ["contents", "issues", "pull-requests", "statuses"] {
            #expect(permissions[scope] == "write", "\(path): \(scope)")
        }
    }

    @Test(
        "a job that runs Conveyor holds a job-level concurrency group keyed on the work item, never cancelled",
        arguments: wrappers + reusable)
    func jobLevelConcurrency(path: String) throws {
        #expect(try Files.yaml(path)["concurrency"] == nil, "\(path) has a workflow-level group")
        for (name, job) in try Self.jobs(path) where Self.runsConveyor(job) {
            let group = try #require(job["concurrency"] as? [String: Any], "\(path) job \(name)")
            let key = try #require(group["group"] as? String)
            #expect(group["cancel-in-progress"] as? Bool == false, "\(path) job \(name)")
            if name != "tick" {
                #expect(key.contains("issue.number") && key.contains("inputs.issue"), "\(path) job \(name): \(key)")
            }
        }
    }

    @Test("every `vars.X` in a workflow has a default for when the variable is unset", arguments: Files.workflows)
    func everyVariableHasADefault(path: String) throws {
        let text = try Files.text(path)
        for match in text.matches(of: /vars\.([A-Z_]+)(\s*\|\|\s*'[^']*')?/) {
            #expect(match.output.2 != nil, "\(path): vars.\(match.output.1) has no default")
        }
    }

    @Test("every checkout in every workflow and template persists no credentials", arguments: Files.workflows)
    func checkoutsPersistNoCredentials(path: String) throws {
        for (name, job) in try Self.jobs(path) {
            for step in job["steps"] as? [[String: Any]] ?? []
            where (step["uses"] as? String)?.hasPrefix("actions/checkout@") == true {
                let with = step["with"] as? [String: Any]
                #expect(with?["persist-credentials"] as? Bool == false, "\(path) job \(name)")
            }
        }
    }

    @Test("the reusable workflow declares typed inputs, the five outputs and its secrets", arguments: reusable)
    func reusableInterface(path: String) throws {
        let on = try #require(try Files.yaml(path)["on"] as? [String: Any])
        let call = try #require(on["workflow_call"] as? [String: Any])
        let inputs = try #require(call["inputs"] as? [String: [String: Any]])
        for (name, input) in inputs { #expect(input["type"] != nil, "input \(name) has no type") }
        #expect(Set(["issue", "stage", "mode", "agent"]).isSubset(of: inputs.keys))
        let outputs = try #require(call["outputs"] as? [String: [String: Any]])
        #expect(Set(outputs.keys) == ["stage", "verdict", "pr-url", "cost-usd", "tokens"])
        let stage = try #require(try Self.jobs(path)["stage"])
        let jobOutputs = try #require(stage["outputs"] as? [String: String])
        for (name, output) in outputs {
            #expect(output["value"] as? String == "${{ jobs.stage.outputs.\(name) }}")
            #expect(jobOutputs[name] == "${{ steps.conveyor.outputs.\(name) }}")
        }
        let secrets = try #require(call["secrets"] as? [String: [String: Any]])
        #expect(Set(secrets.keys) == ["token", "anthropic-api-key", "openai-api-key"])
        #expect(secrets.values.allSatisfy { $0["required"] as? Bool == false })
        let action = try Files.actionOutputs().keys
        #expect(Set(outputs.keys).isSubset(of: action), "an output the action does not produce")
    }

    @Test("a caller passes its secrets by name and calls the reusable workflow of its forge", arguments: callers)
    func callerUsesTheReusableWorkflow(path: String) throws {
        let job = try #require(try Self.jobs(path)["conveyor"])
        let uses = try #require(job["uses"] as? String)
        let gitea = path.contains("/gitea/")
        #expect(uses == "conveyor-ci/conveyor/\(gitea ? ".gitea" : ".github")/workflows/stage.yml@v1")
        #expect(!uses.hasPrefix("https://"), "Gitea resolves a reusable workflow on its own instance only")
        let secrets = try #require(job["secrets"] as? [String: String], "secrets: inherit hides what is passed")
        #expect(secrets["anthropic-api-key"] == "${{ secrets.ANTHROPIC_API_KEY }}")
        #expect(job["concurrency"] == nil, "the called job holds the group; the caller would wait for itself")
    }
}
