import Actions
import Foundation

extension DoctorReport {
    /// Findings about the forge: which one, where its API is, which repository, and whether a token is there.
    static func forgeChecks(_ environment: ActionsEnvironment) -> [DoctorCheck] {
        [forgeCheck(environment), apiCheck(environment), repositoryCheck(environment), tokenCheck(environment)]
    }

    /// Outside a job nothing is wrong with the runner yet: missing job settings are warnings there.
    private static func missingStatus(_ environment: ActionsEnvironment) -> DoctorCheck.Status {
        environment.isActions ? .failure : .warning
    }

    private static func forgeCheck(_ environment: ActionsEnvironment) -> DoctorCheck {
        let forgeName = environment.forge == .gitea ? "Gitea" : "GitHub"
        guard environment.isActions else {
            return DoctorCheck(
                name: "forge", status: .warning, value: "\(forgeName) (assumed: not inside an Actions job)",
                fix:
                    "Outside a job, set GITHUB_API_URL and GITHUB_REPOSITORY (and GITEA_ACTIONS=true for Gitea) to check a forge."
            )
        }
        return DoctorCheck(name: "forge", status: .ok, value: "\(forgeName) Actions")
    }

    private static func apiCheck(_ environment: ActionsEnvironment) -> DoctorCheck {
        do {
            return DoctorCheck(name: "api-url", status: .ok, value: try environment.apiURL.absoluteString)
        } catch {
            return DoctorCheck(
                name: "api-url", status: missingStatus(environment), value: "unknown", fix: error.message)
        }
    }

    private static func repositoryCheck(_ environment: ActionsEnvironment) -> DoctorCheck {
        do {
            return DoctorCheck(name: "repository", status: .ok, value: try environment.repository.description)
        } catch ActionsEnvironmentError.Code.missingVariable {
            return DoctorCheck(
                name: "repository", status: missingStatus(environment), value: "not set",
                fix: "Set GITHUB_REPOSITORY to `owner/name` (the runner sets it inside a job)."
            )
        } catch {
            return DoctorCheck(name: "repository", status: .failure, value: "malformed", fix: error.message)
        }
    }

    private static func tokenCheck(_ environment: ActionsEnvironment) -> DoctorCheck {
        guard let source = environment.tokenSource else {
            return DoctorCheck(
                name: "token", status: missingStatus(environment), value: "absent",
                fix:
                    "Pass the job token to the step: `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` (or set CONVEYOR_TOKEN)."
            )
        }
        return DoctorCheck(name: "token", status: .ok, value: "present (from \(source))")
    }
}
