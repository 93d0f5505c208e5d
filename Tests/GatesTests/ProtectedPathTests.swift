import Gates
import Testing

@Suite struct ProtectedPathTests {
    @Test func protectedGlobsAreOutOfScopeEvenUnderAnAllCoveringScope() {
        let scope = WriteScope(
            ["**"], excluding: [".github/**", ".conveyor/**", "docs/_docset/**", "docs/work-items/<N>/locked.md"],
            workItem: 7)
        #expect(scope.contains("src/app.py"))
        #expect(scope.contains(".githubish/x"))
        #expect(!scope.contains(".github/workflows/ci.yml"))
        #expect(!scope.contains(".conveyor/config.yml"))
        #expect(!scope.contains("docs/_docset/issues/issue-7.yaml"))
        #expect(!scope.contains("docs/work-items/7/locked.md"))
        #expect(scope.contains("docs/work-items/8/locked.md"))
        #expect(scope.violations(in: ["a.py", ".gitea/workflows/x.yml"]) == [])
        #expect(
            WriteScope(["**"], excluding: [".gitea/**"], workItem: 1).violations(in: [".gitea/w.yml"]) == [
                ".gitea/w.yml"
            ])
    }
}
