import Flows
import Foundation
import Pipeline
import Testing

@Suite struct TrainScheduleTests {
    private func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? .distantPast }

    private func schedule(_ zone: String, weekday: Int = 5, hour: Int = 11) -> TrainSchedule {
        var settings = ReleaseTrainSettings()
        settings.timeZone = zone
        settings.weekday = weekday
        settings.hour = hour
        return TrainSchedule(settings: settings)
    }

    @Test func moscowIsUTCPlusThreeAllYear() {
        let moscow = schedule("Europe/Moscow")
        #expect(moscow.start(inWeekOf: at("2026-12-02T12:00:00Z")) == at("2026-12-04T08:00:00Z"))
        #expect(moscow.start(inWeekOf: at("2026-07-01T12:00:00Z")) == at("2026-07-03T08:00:00Z"))
        #expect(moscow.week(of: at("2026-12-04T08:00:00Z")) == "2026-W49")
    }

    @Test func startDecisionsAroundTheStart() {
        let moscow = schedule("Europe/Moscow")
        #expect(
            moscow.decision(at: at("2026-12-04T07:59:00Z"), startedWeeks: [], openTrain: nil)
                == .notYet(week: "2026-W49", next: at("2026-12-04T08:00:00Z")))
        #expect(
            moscow.decision(at: at("2026-12-04T08:00:00Z"), startedWeeks: [], openTrain: nil)
                == .start(week: "2026-W49", scheduled: at("2026-12-04T08:00:00Z")))
        // A missed cron: Saturday still starts this week's train, once.
        #expect(
            moscow.decision(at: at("2026-12-05T20:00:00Z"), startedWeeks: [], openTrain: nil)
                == .start(week: "2026-W49", scheduled: at("2026-12-04T08:00:00Z")))
        #expect(
            moscow.decision(at: at("2026-12-05T20:00:00Z"), startedWeeks: ["2026-W49"], openTrain: nil)
                == .alreadyStarted(week: "2026-W49"))
        #expect(
            moscow.decision(at: at("2026-12-11T08:00:00Z"), startedWeeks: ["2026-W49"], openTrain: "2026-W49")
                == .previousStillOpen(week: "2026-W49"))
        // Sunday 23:30 Moscow is still week 49; Monday 00:30 Moscow (Sunday 21:30Z) is week 50, not yet due.
        #expect(moscow.week(of: at("2026-12-06T20:30:00Z")) == "2026-W49")
        #expect(moscow.week(of: at("2026-12-06T21:30:00Z")) == "2026-W50")
    }

    @Test func zonesWithSummerTimeMoveTheUTCStart() {
        let newYork = schedule("America/New_York")
        #expect(newYork.start(inWeekOf: at("2026-12-02T12:00:00Z")) == at("2026-12-04T16:00:00Z"))  // EST, UTC-5
        #expect(newYork.start(inWeekOf: at("2026-07-01T12:00:00Z")) == at("2026-07-03T15:00:00Z"))  // EDT, UTC-4
        let auckland = schedule("Pacific/Auckland", weekday: 1, hour: 9)
        // Monday 09:00 in Auckland (UTC+13 in December) is Sunday 20:00Z.
        #expect(auckland.start(inWeekOf: at("2026-12-02T12:00:00Z")) == at("2026-11-29T20:00:00Z"))
        let utc = schedule("UTC", weekday: 7, hour: 23)
        #expect(utc.start(inWeekOf: at("2026-12-02T12:00:00Z")) == at("2026-12-06T23:00:00Z"))
    }
}

@Suite struct ReleaseTrainConfigurationTests {
    @Test func theSectionIsReadWithItsDefaults() throws {
        let configuration = try PipelineConfiguration.parse(
            """
            release_train:
              start: {weekday: Mon, time: "09:30", timezone: UTC}
              teams: {backend: [bob], ios: [dave, erin]}
              check_intervals: {WAIT_MEETING_CONFIRMATION: 1d}
            tick: {remind_after: 2h, mention: [alice], repair_interval: 30m}
            """)
        let train = configuration.releaseTrain
        #expect(train.isEnabled && train.weekday == 1 && train.hour == 9 && train.minute == 30)
        #expect(train.teams.map(\.name) == ["backend", "ios"] && train.teams[1].leads == ["dave", "erin"])
        #expect(train.checkIntervalMinutes["WAIT_MEETING_CONFIRMATION"] == 1_440)
        #expect(train.checkIntervalMinutes["WAIT_START_APPROVAL"] == 15)
        #expect(configuration.heartbeat.remindAfterMinutes == 120 && configuration.heartbeat.mention == ["alice"])
        #expect(PipelineConfiguration.default.releaseTrain.isEnabled == false)
    }

    @Test func badValuesAreNamedAtTheirLine() {
        #expect(throws: ConfigurationError.self) {
            try PipelineConfiguration.parse(
                "release_train:\n  start: {weekday: someday, time: \"25:00\", timezone: Mars/Base}\n")
        }
        do {
            _ = try PipelineConfiguration.parse(
                "release_train:\n  teams: {backend: []}\n  check_intervals: {WAIT_START_APPROVAL: soon}\n")
            Issue.record("expected an error")
        } catch {
            let text = "\(error)"
            #expect(text.contains("names no lead") && text.contains("not a duration"))
        }
    }
}
