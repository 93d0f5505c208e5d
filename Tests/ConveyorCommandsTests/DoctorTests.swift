import Actions
import ConveyorCommands
import Foundation
import Testing

@Suite struct DoctorTests {
    private let healthyLibraries = LibraryVersions(
        libgit2: "1.5.1", libgit2HTTPS: true, libcurl: "7.88.1", libcurlTLS: "OpenSSL/3.0.17", sqlite: "3.40.1"
    )
    private let token = "ghs_doctorTestSecret0123456789"

    private func gitHubJob(token: String?) -> [String: String] {
        var env = [
            "GITHUB_ACTIONS": "true",
            "GITHUB_API_URL": "https://api.github.com",
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_REPOSITORY": "octo/hello",
        ]
        env["GITHUB_TOKEN"] = token
        return env
    }

    @Test func healthyGitHubJobPassesAndNeverPrintsTheToken() throws {
        let environment = ActionsEnvironment(gitHubJob(token: token))
        let report = DoctorReport.make(libraries: healthyLibraries, environment: environment)
        #expect(report.ok)
        #expect(
            report.checks.map(\.name) == ["libgit2", "libcurl", "sqlite", "forge", "api-url", "repository", "token"])
        #expect(report.checks.allSatisfy { $0.status == .ok })
        let forge = try #require(report.checks.first { $0.name == "forge" })
        #expect(forge.value == "GitHub Actions")
        for format in OutputFormat.allCases {
            let text = try report.rendered(as: format)
            #expect(!text.contains(token))
            #expect(text.contains("GITHUB_TOKEN"))
        }
    }

    @Test func giteaJobIsDetectedWithItsAPIBase() throws {
        let environment = ActionsEnvironment([
            "GITHUB_ACTIONS": "true", "GITEA_ACTIONS": "true",
            "GITHUB_SERVER_URL": "https://gitea.example", "GITHUB_API_URL": "https://gitea.example/api/v1",
            "GITHUB_REPOSITORY": "team/app", "GITEA_TOKEN": token,
        ])
        let report = DoctorReport.make(libraries: healthyLibraries, environment: environment)
        #expect(report.checks.first { $0.name == "forge" }?.value == "Gitea Actions")
        #expect(report.checks.first { $0.name == "api-url" }?.value == "https://gitea.example/api/v1")
        #expect(report.checks.first { $0.name == "token" }?.value == "present (from GITEA_TOKEN)")
    }

    @Test func eachProblemFailsWithOneSentenceThatNamesTheFix() throws {
        let broken = LibraryVersions(
            libgit2: "1.5.1", libgit2HTTPS: false, libcurl: "7.88.1", libcurlTLS: "", sqlite: "3.40.1")
        let report = DoctorReport.make(libraries: broken, environment: ActionsEnvironment(gitHubJob(token: nil)))
        #expect(!report.ok)
        let failures = report.checks.filter { $0.status == .failure }
        #expect(failures.map(\.name) == ["libgit2", "libcurl", "token"])
        for failure in failures {
            let fix = try #require(failure.fix)
            #expect(fix.hasSuffix("."))
        }
        #expect(report.checks.first { $0.name == "token" }?.fix?.contains("secrets.GITHUB_TOKEN") == true)
        let text = try report.rendered(as: .text)
        #expect(text.contains("FAIL libgit2"))
        #expect(text.hasSuffix("doctor: 3 problem(s) to fix"))
    }

    @Test func outsideActionsMissingSettingsAreWarningsNotFailures() {
        let report = DoctorReport.make(libraries: healthyLibraries, environment: ActionsEnvironment([:]))
        #expect(report.ok)
        #expect(report.checks.filter { $0.status == .warning }.map(\.name) == ["forge", "repository", "token"])
        #expect(report.checks.first { $0.name == "api-url" }?.value == "https://api.github.com")
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let report = DoctorReport.make(
            libraries: healthyLibraries, environment: ActionsEnvironment(gitHubJob(token: token)))
        let json = try report.rendered(as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == true)
        let checks = try #require(object["checks"] as? [[String: Any]])
        #expect(checks.count == 7)
        #expect(checks.allSatisfy { $0["name"] is String && $0["status"] is String && $0["value"] is String })
    }

    @Test func linkedLibrariesReportRealVersions() {
        let linked = LibraryVersions.linked()
        #expect(linked.libgit2.split(separator: ".").count == 3)
        #expect(linked.libcurl.split(separator: ".").count == 3)
        #expect(linked.sqlite.hasPrefix("3."))
    }
}
