import Actions
import Adoption
import Forge
import Foundation
import Pipeline

extension DoctorReport {
    /// The checks `doctor --forge-checks` adds, asking the forge: label variables consistent, every Conveyor label
    /// present and up to date, and the token allowed to write what a stage writes.
    ///
    /// Opt-in, because the other checks need no network: in a job, run `conveyor doctor --forge-checks`.
    static func adoptionChecks(
        _ environment: ActionsEnvironment, variables: [String: String], repositoryRoot: URL
    ) async -> [DoctorCheck] {
        let catalog: LabelCatalog
        do {
            let configuration = try PipelineConfiguration.load(repositoryRoot: repositoryRoot)
            catalog = try LabelCatalog(environment: variables, pipeline: configuration.pipeline)
        } catch {
            return [
                DoctorCheck(
                    name: "label-variables", status: .failure, value: String(describing: error),
                    fix: "Fix the variable or .conveyor/config.yml named above.")
            ]
        }
        let renamed = catalog.entries.filter { $0.source != .builtIn }
        var checks = [
            DoctorCheck(
                name: "label-variables", status: .ok,
                value: "\(catalog.entries.count) labels, \(renamed.count) renamed by variables"
                    + (renamed.isEmpty ? "" : " (" + renamed.map(\.name).joined(separator: ", ") + ")"))
        ]
        guard let client = try? ForgeClients.make(environment: environment),
            let labels = try? RepositoryLabels(environment: environment)
        else {
            checks.append(
                DoctorCheck(
                    name: "forge-checks", status: .failure, value: "no repository, API URL or token",
                    fix: "Set GITHUB_REPOSITORY, GITHUB_API_URL and a token (CONVEYOR_TOKEN or GITHUB_TOKEN)."))
            return checks
        }
        checks.append(await tokenAccessCheck(client))
        checks.append(await labelsCheck(labels, palette: LabelPalette(catalog: catalog)))
        return checks
    }

    private static func tokenAccessCheck(_ client: any ForgeClient) async -> DoctorCheck {
        do {
            let info = try await client.repositoryInfo()
            guard let permissions = info.permissions, permissions.isReadOnly else {
                return DoctorCheck(
                    name: "token-access", status: .ok,
                    value: info.permissions.map { $0.push || $0.admin ? "may write \(info.fullName)" : "not reported" }
                        ?? "not reported")
            }
            return DoctorCheck(
                name: "token-access", status: .failure, value: "may read but not write \(info.fullName)",
                fix: client.kind == .github
                    ? "A stage needs `contents: write` (push its branch), `issues: write` (labels, comments) and "
                        + "`pull-requests: write`: add them to the workflow's `permissions:` block."
                    : "A stage pushes and writes issues and pull requests: use a token with `write:repository` "
                        + "and `write:issue`.")
        } catch {
            return DoctorCheck(name: "token-access", status: .failure, value: error.description)
        }
    }

    private static func labelsCheck(_ labels: RepositoryLabels, palette: LabelPalette) async -> DoctorCheck {
        do {
            let plan = LabelSync(palette: palette, existing: try await labels.list(), prune: false)
            let missing = plan.changes.compactMap { change -> String? in
                if case .create(let content) = change { content.name } else { nil }
            }
            let outdated = plan.changes.count - missing.count
            guard !plan.changes.isEmpty else {
                return DoctorCheck(name: "labels", status: .ok, value: "all \(palette.entries.count) present")
            }
            let shown = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
            return DoctorCheck(
                name: "labels", status: missing.isEmpty ? .warning : .failure,
                value: "\(missing.count) missing\(missing.isEmpty ? "" : " (\(shown))"), \(outdated) out of date",
                fix: "Run `conveyor labels sync` with a token that may write issues.")
        } catch {
            return DoctorCheck(name: "labels", status: .failure, value: error.description)
        }
    }
}
