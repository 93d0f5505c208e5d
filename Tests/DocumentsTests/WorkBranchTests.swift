import ConveyorTestSupport
import Documents
import Testing

@Suite struct WorkBranchTests {
    /// Checks `name` with git itself.
    private func expectValidBranch(_ name: String) throws {
        let output = try ProcessRunner.run(["git", "check-ref-format", "--branch", name])
        #expect(output.succeeded, "git rejects \(name): \(output.stderr)")
    }

    @Test(arguments: [
        (12, "Add sign-in page", "conveyor/12-add-sign-in-page"),
        (7, "Crème brûlée: façade für Straße", "conveyor/7-creme-brulee-facade-fur-strasse"),
        (3, "Добавить вход", "conveyor/3-dobavit-vhod"),
        (4, "🚀🔥✨", "conveyor/4-item"),
        (5, "", "conveyor/5-item"),
        (6, "--[Fix]: the `..` bug!!--", "conveyor/6-fix-the-bug"),
        (8, "feat/refs/heads/x.lock", "conveyor/8-feat-refs-heads-x-lock"),
        (9, "Ελληνικά και 日本語", "conveyor/9-ellenika-kai-ri-ben-yu"),
    ])
    func slugs(number: Int, title: String, expected: String) throws {
        let name = WorkBranch.name(number: number, title: title)
        #expect(name == expected)
        try expectValidBranch(name)
    }

    @Test func longTitlesAreCutAtAWordBoundary() throws {
        let title = "Implement the complete onboarding flow with email verification and password reset"
        let slug = WorkBranch.slug(title)
        #expect(slug == "implement-the-complete-onboarding-flow")
        #expect(slug.count <= WorkBranch.maximumSlugLength)
        try expectValidBranch(WorkBranch.name(number: 1, title: title))
    }

    @Test func oneEnormousWordIsCut() throws {
        let slug = WorkBranch.slug(String(repeating: "a", count: 100))
        #expect(slug == String(repeating: "a", count: 40))
    }

    @Test func slugsAreLowercaseASCIIWithSingleDashes() {
        for title in ["  A  --  B  ", "Ünïcödé — “quotes”", "tab\tand\nnewline", "x\u{200B}y"] {
            let slug = WorkBranch.slug(title)
            #expect(slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }, "\(slug)")
            #expect(!slug.contains("--") && !slug.hasPrefix("-") && !slug.hasSuffix("-"), "\(slug)")
        }
    }
}
