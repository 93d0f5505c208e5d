import Actions
import Foundation
import Pipeline

/// The one wrapper workflow `conveyor init` writes into a repository: every event Conveyor acts on, one job that
/// lets the binary decide (`conveyor run` resolves the event as `conveyor plan` does, then acts), and one job for
/// the heartbeat (`conveyor tick` every 15 minutes, or a release-train flow started by hand).
///
/// Adding a stage needs no edit: the job passes the event through and the binary reads the pipeline. Every label
/// is compared as `(vars.RUN_X_LABEL || 'run:x')`, so an unset repository variable means the built-in name rather
/// than a filter that is always false; `conveyor init --force` after adding a stage regenerates the filter. GitHub
/// filters label events in the job's `if:` so that an unrelated label starts no job; Gitea sends `label_updated`
/// without the label that was added, so its flavour does not filter labels and leaves the choice to the binary,
/// which re-reads the issue. Concurrency is per job and keyed on the work item, so an event the job skips never
/// takes the group's one pending place. Both declare `permissions:` (GitHub's default job token may be
/// read-only; Gitea ignores the block); `actions: write` is there only to dispatch this workflow again to chain
/// the next stage. See `docs/architecture/0015-one-wrapper-for-every-event.md`.
public enum WorkflowTemplate {
    /// The workflow's file name, which is also the workflow Conveyor dispatches (by this name) to chain stages.
    public static let fileName = "conveyor.yml"

    /// Where the workflow goes in the repository, e.g. `.github/workflows/conveyor.yml`.
    public static func path(for forge: ForgeKind) -> String {
        forge == .github ? ".github/workflows/\(fileName)" : ".gitea/workflows/\(fileName)"
    }

    /// The action reference each flavour uses: GitHub's short form, Gitea's full URL (Gitea resolves short
    /// forms against its own instance, where the action does not live).
    static func action(for forge: ForgeKind) -> String {
        forge == .github ? "conveyor-ci/conveyor/action@v1" : "https://github.com/conveyor-ci/conveyor/action@v1"
    }

    /// The workflow text for `forge` and `pipeline`.
    public static func render(for forge: ForgeKind, pipeline: Pipeline) -> String {
        let catalog = LabelCatalog.definitions(for: pipeline)
        let triggers = catalog.filter(\.meaning.isTrigger)
        let note = forge == .gitea ? giteaNote : ""
        let header = """
            # Conveyor: one workflow for every event. Each job hands the event to `conveyor`, which decides what it
            # means (as `conveyor plan` shows) and acts on it, so adding a stage needs no edit here. Written by
            # `conveyor init`; `conveyor init --force` writes it again.
            # Label names come from repository variables (RUN_INTAKE_LABEL, …) with the built-in names as defaults.
            # Secrets: ANTHROPIC_API_KEY (claude agent) or OPENAI_API_KEY (codex agent); optional CONVEYOR_TOKEN, a
            # GitHub App or personal token, when Conveyor's own labels and comments must start workflows.\(note)
            name: Conveyor

            on:
              issues:
                types: [labeled]
              issue_comment:
                types: [created]
              pull_request:
                types: [opened, synchronize, reopened, ready_for_review, labeled]
              pull_request_review:
                types: [submitted]
              workflow_dispatch:
                inputs:
                  issue:
                    description: Work item (issue or pull request) number; empty when starting a flow.
                    type: string
                    required: false
                    default: ""
                  stage:
                    description: Stage to run; empty to take it from the work item.
                    type: string
                    required: false
                    default: ""
                  mode:
                    description: run (as usual), rerun (again, as a new round) or resume (finish a failed or cancelled run).
                    type: choice
                    options: [run, rerun, resume]
                    default: run
                  agent:
                    description: Agent for this run (claude, codex, command, offline); empty for the configured one.
                    type: string
                    required: false
                    default: ""
                  flow:
                    description: Release-train flow to advance with `conveyor tick`; empty for a stage run.
                    type: string
                    required: false
                    default: ""
                  dry_run:
                    description: With a flow, print what it would do and change nothing.
                    type: boolean
                    required: false
                    default: false
              schedule:
                - cron: "*/15 * * * *"

            \(forge == .gitea ? "# Gitea ignores `permissions:`; its job token has the repository rights of the runner.\n" : "")\
            # `actions: write` is used only to dispatch this workflow again, which chains the next stage after an
            # approval (a label or comment made with the job token starts no workflow by itself).
            permissions:
              contents: write
              issues: write
              pull-requests: write
              statuses: write
              actions: write

            jobs:
              stage:

            """
        let condition: [String]
        switch forge {
        case .github:
            let labels = triggers.map { "github.event.label.name == \(expression($0.binding))" }
            condition =
                [
                    "    if: >-",
                    "      ((github.event_name == 'issues' || github.event_name == 'pull_request')",
                    "        && github.event.action == 'labeled' && (",
                ]
                + labels.enumerated().map { index, line in
                    "        " + line + (index == labels.count - 1 ? "))" : " ||")
                } + [
                    "      || (github.event_name == 'pull_request' && github.event.action != 'labeled')",
                    "      || (github.event_name == 'issue_comment' && startsWith(github.event.comment.body, '/'))",
                    "      || github.event_name == 'pull_request_review'",
                    "      || (github.event_name == 'workflow_dispatch' && inputs.flow == '')",
                ]
        case .gitea:
            condition = [
                "    # No label filter: Gitea's label event does not say which label was added; the binary re-reads",
                "    # the issue and skips a label that is not Conveyor's.",
                "    if: >-",
                "      github.event_name != 'schedule'",
                "      && (github.event_name != 'workflow_dispatch' || inputs.flow == '')",
                "      && (github.event_name != 'issue_comment' || startsWith(github.event.comment.body, '/'))",
            ]
        }
        let stage = """
                # One job per work item at a time, queued and never cancelled. Set on the job, not the workflow, so
                # an event this job skips (an unrelated label) never takes the group's one pending place.
                concurrency:
                  group: conveyor-${{ github.event.issue.number || github.event.pull_request.number || inputs.issue || github.run_id }}
                  cancel-in-progress: false
                runs-on: \(runsOn(forge))
                timeout-minutes: 90
                steps:
                  - uses: actions/checkout@v5
                    with:
                      # The agent works in this checkout: leave no token in its .git/config (Conveyor pushes with its own).
                      persist-credentials: false
                      fetch-depth: 0
                  - id: conveyor
                    uses: \(action(for: forge))
                    with:
                      token: ${{ secrets.CONVEYOR_TOKEN || secrets.GITHUB_TOKEN }}
                      issue: ${{ inputs.issue }}
                      stage: ${{ inputs.stage }}
                      mode: ${{ inputs.mode || 'run' }}
                      agent: ${{ inputs.agent }}
                      vars: ${{ toJSON(vars) }}
                      anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}
                      openai-api-key: ${{ secrets.OPENAI_API_KEY }}\(releaseURL(forge))

              # The heartbeat (expired leases, missed starts, drifted status comments, reminders) and release-train
              # flows started by hand. One at a time per flow.
              tick:
                if: github.event_name == 'schedule' || (github.event_name == 'workflow_dispatch' && inputs.flow != '')
                concurrency:
                  group: conveyor-tick-${{ inputs.flow || 'heartbeat' }}
                  cancel-in-progress: false
                runs-on: \(runsOn(forge))
                timeout-minutes: 30
                steps:
                  - uses: actions/checkout@v5
                    with:
                      persist-credentials: false
                      fetch-depth: 0
                  - uses: \(action(for: forge))
                    with:
                      command: tick
                      token: ${{ secrets.CONVEYOR_TOKEN || secrets.GITHUB_TOKEN }}
                      flow: ${{ inputs.flow }}
                      dry-run: ${{ format('{0}', inputs.dry_run) }}
                      vars: ${{ toJSON(vars) }}
                      agent-cli: none\(releaseURL(forge))

            """
        return header + condition.joined(separator: "\n") + "\n" + stage
    }

    private static let giteaNote = """

        # Gitea flavour: the action from github.com by full URL (no reusable workflow on another host), no label
        # filter, the release binary downloaded from GitHub unless a mirror is set.
        """

    /// GitHub's runner label from the repository variable `CONVEYOR_RUNS_ON`, else `ubuntu-latest`; Gitea's
    /// runner label is fixed (its runners register their own labels).
    private static func runsOn(_ forge: ForgeKind) -> String {
        forge == .github ? "${{ vars.CONVEYOR_RUNS_ON || 'ubuntu-latest' }}" : "ubuntu-latest"
    }

    /// Gitea's job says where the release binaries come from (GitHub, unless the server mirrors them).
    private static func releaseURL(_ forge: ForgeKind) -> String {
        guard forge == .gitea else { return "" }
        return "\n          release-url: https://github.com/conveyor-ci/conveyor/releases/download/v{version}"
    }

    /// `(vars.RUN_INTAKE_LABEL || 'run:intake')`: the variable, or the default when it is unset or empty.
    static func expression(_ binding: LabelBinding) -> String {
        let quoted = binding.defaultName.replacingOccurrences(of: "'", with: "''")
        return "(vars.\(binding.variable) || '\(quoted)')"
    }
}
