import Actions
import Forge
import Pipeline

/// The repository settings `conveyor init` asks a person to change, and what it can check through the API.
public enum RepositorySetup {
    /// One thing to do or a check's result.
    public struct Item: Sendable, Hashable, Encodable {
        /// `ok`, `todo` (a setting to change by hand), `fail` (checked and wrong), or `unknown` (could not check).
        public let status: String
        /// What it is about, e.g. `token permissions`.
        public let subject: String
        /// What was found or what to do.
        public let detail: String

        /// Creates an item.
        public init(status: String, subject: String, detail: String) {
            self.status = status
            self.subject = subject
            self.detail = detail
        }
    }

    /// The settings to change by hand on `forge`; none of them can be read with a job token.
    public static func settings(for forge: ForgeKind) -> [Item] {
        switch forge {
        case .github:
            [
                Item(
                    status: "todo", subject: "workflow permissions",
                    detail: "Settings → Actions → General → Workflow permissions: the workflow declares its own "
                        + "`permissions:`, so \"Read repository contents\" is enough; an organisation policy must "
                        + "not forbid write permissions for workflows."),
                Item(
                    status: "todo", subject: "pull requests",
                    detail: "Settings → Actions → General: tick \"Allow GitHub Actions to create and approve pull "
                        + "requests\" (stages open pull requests with the job token)."),
                Item(
                    status: "todo", subject: "secrets",
                    detail: "Settings → Secrets and variables → Actions → New repository secret: ANTHROPIC_API_KEY."),
                Item(
                    status: "todo", subject: "variables",
                    detail: "Optional: repository variables such as RUN_INTAKE_LABEL rename labels; then run "
                        + "`conveyor labels sync` again."),
            ]
        case .gitea:
            [
                Item(
                    status: "todo", subject: "actions",
                    detail: "Settings → Repository → enable Actions, and register a runner with the label "
                        + "ubuntu-latest (act_runner) that has network access to github.com for the action."),
                Item(
                    status: "todo", subject: "token permissions",
                    detail: "Gitea ignores `permissions:`; the job token may write the repository it runs in. "
                        + "Nothing to grant unless the instance restricts Actions tokens."),
                Item(
                    status: "todo", subject: "secrets",
                    detail: "Settings → Actions → Secrets → Add secret: ANTHROPIC_API_KEY."),
                Item(
                    status: "todo", subject: "variables",
                    detail: "Optional: Settings → Actions → Variables, e.g. RUN_INTAKE_LABEL to rename a label; "
                        + "then run `conveyor labels sync` again."),
            ]
        }
    }

    /// What the token may do in the repository and whether the labels are in place, asked through the API.
    ///
    /// Never throws: a failed call becomes an `unknown` or `fail` item naming the error.
    public static func check(
        repository client: any ForgeClient, labels: RepositoryLabels, palette: LabelPalette
    ) async -> [Item] {
        var items: [Item] = []
        do {
            let info = try await client.repositoryInfo()
            switch info.permissions {
            case let permissions? where permissions.isReadOnly:
                items.append(
                    Item(
                        status: "fail", subject: "token permissions",
                        detail: "The token may read but not write \(info.fullName): stages push branches and write "
                            + "issues, labels and pull requests. Use a token with write access."))
            case let permissions? where permissions.push || permissions.admin:
                items.append(
                    Item(
                        status: "ok", subject: "token permissions",
                        detail: "The token may write \(info.fullName)\(permissions.admin ? " (admin)" : "")."))
            default:
                items.append(
                    Item(
                        status: "unknown", subject: "token permissions",
                        detail: "The forge did not say what the token may do (an Actions job token); the "
                            + "workflow's `permissions:` block grants what stages need."))
            }
        } catch {
            items.append(Item(status: "fail", subject: "repository", detail: error.description))
            return items
        }
        do {
            let existing = try await labels.list()
            let missing = LabelSync(palette: palette, existing: existing, prune: false).changes.count
            items.append(
                missing == 0
                    ? Item(status: "ok", subject: "labels", detail: "Every Conveyor label is present and up to date.")
                    : Item(
                        status: "todo", subject: "labels",
                        detail: "\(missing) label(s) missing or out of date: run `conveyor labels sync`."))
        } catch {
            items.append(Item(status: "unknown", subject: "labels", detail: error.description))
        }
        return items
    }
}
