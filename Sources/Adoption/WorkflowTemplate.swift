import Actions
import Foundation
import Pipeline

/// The wrapper workflow `conveyor init` writes into a repository: one job that runs the Conveyor action for every
/// event a stage can start from.
///
/// Generated from the pipeline, so a stage added in `.conveyor/config.yml` gets its labels in the filter after
/// `conveyor init --force`. Every label is compared as `(vars.RUN_X_LABEL || 'run:x')`, so an unset repository
/// variable means the built-in name rather than a filter that is always false. GitHub filters label events in
/// the job's `if:` so that an unrelated label starts no job; Gitea sends `label_updated` without the label that
/// was added, so its flavour does not filter labels and leaves the choice to the binary, which re-reads the
/// issue. Both declare `permissions:` (GitHub's default job token may be read-only; Gitea ignores the block).
public enum WorkflowTemplate {
    /// Where the workflow goes in the repository, e.g. `.github/workflows/conveyor.yml`.
    public static func path(for forge: ForgeKind) -> String {
        forge == .github ? ".github/workflows/conveyor.yml" : ".gitea/workflows/conveyor.yml"
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
        let header = """
            # Conveyor: runs one pipeline stage per job, started by a run:* label, a /command comment, a pull request
            # (doc audit) or by hand. Written by `conveyor init`; `conveyor init --force` writes it again.
            # Label names come from repository variables (RUN_INTAKE_LABEL, …) with the built-in names as defaults.
            # Secrets: ANTHROPIC_API_KEY (the agent's key).\(forge == .gitea ? giteaNote : "")
            name: Conveyor

            on:
              issues:
                types: [labeled]
              pull_request:
                types: [opened, synchronize, reopened, labeled]
              issue_comment:
                types: [created]
              pull_request_review:
                types: [submitted]
              workflow_dispatch:
                inputs:
                  issue:
                    description: Work item (issue or pull request) number.
                    type: string
                    required: true
                  stage:
                    description: Stage to run; empty to take it from the work item.
                    type: string
                    required: false
                    default: ""
                  mode:
                    description: run, rerun or resume.
                    type: choice
                    options: [run, rerun, resume]
                    default: run

            \(forge == .gitea ? "# Gitea ignores `permissions:`; its job token has the repository rights of the runner.\n" : "")\
            permissions:
              contents: write
              issues: write
              pull-requests: write
              statuses: write
              actions: write

            concurrency:
              group: conveyor-${{ github.event.issue.number || github.event.pull_request.number || inputs.issue || github.run_id }}
              cancel-in-progress: false

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
                    "      || github.event_name == 'workflow_dispatch'",
                ]
        case .gitea:
            condition = [
                "    # No label filter: Gitea's label event does not say which label was added; the binary re-reads",
                "    # the issue and skips a label that is not Conveyor's.",
                "    if: github.event_name != 'issue_comment' || startsWith(github.event.comment.body, '/')",
            ]
        }
        let steps = """
                runs-on: ubuntu-latest
                timeout-minutes: 90
                steps:
                  - uses: actions/checkout@v5
                    with:
                      fetch-depth: 0
                  - id: conveyor
                    uses: \(action(for: forge))
                    with:
                      token: ${{ secrets.GITHUB_TOKEN }}
                      issue: ${{ inputs.issue }}
                      stage: ${{ inputs.stage }}
                      mode: ${{ inputs.mode || 'run' }}
                      vars: ${{ toJSON(vars) }}
                      anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}

            """
        return header + condition.joined(separator: "\n") + "\n" + steps
    }

    private static let giteaNote = """

        # Gitea flavour: actions from github.com by full URL, no reusable workflow on another host.
        """

    /// `(vars.RUN_INTAKE_LABEL || 'run:intake')`: the variable, or the default when it is unset or empty.
    static func expression(_ binding: LabelBinding) -> String {
        let quoted = binding.defaultName.replacingOccurrences(of: "'", with: "''")
        return "(vars.\(binding.variable) || '\(quoted)')"
    }
}
