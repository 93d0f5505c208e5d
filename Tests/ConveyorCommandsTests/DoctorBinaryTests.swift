import ConveyorTestSupport
import Foundation
import Testing

@Suite struct DoctorBinaryTests {
    @Test func builtBinaryPrintsJSONWithoutTheTokenAndExitsByOutcome() throws {
        let binary = try BuiltBinary.url()
        let token = "ghp_binaryDoctorSecret42"
        let job = [
            "GITHUB_ACTIONS": "true", "GITHUB_API_URL": "https://api.github.com",
            "GITHUB_REPOSITORY": "octo/hello", "GITHUB_TOKEN": token,
        ]
        let passing = try ProcessRunner.run([binary.path, "doctor", "--format", "json"], environment: job)
        #expect(passing.status == 0, "stderr: \(passing.stderr)")
        #expect(!passing.stdout.contains(token) && !passing.stderr.contains(token))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(passing.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == true)

        var tokenless = job
        tokenless["GITHUB_TOKEN"] = ""
        let failing = try ProcessRunner.run([binary.path, "doctor"], environment: tokenless)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("FAIL token"))
    }
}
