import Configuration
import Testing
@testable import StreamProcessor

@Suite struct ModelSpecTests {
    func spec(_ environment: [String: String]) throws -> ModelSpec {
        try ModelSpec(config: ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment)))
    }

    func keyError(_ environment: [String: String]) -> ConfigurationKeyError? {
        do { _ = try spec(environment) } catch let e as ConfigurationKeyError { return e } catch { return nil }
        return nil
    }

    @Test func defaultsAreMoasHoeffdingTree() throws {
        let s = try spec([:])
        #expect(s == ModelSpec())
        #expect(s.model == .hoeffdingTree && s.ensembleSize == 10 && s.baseLearner == .hoeffdingTree && !s.abstain)
        #expect(s.htGracePeriod == 200 && s.htSplitConfidence == 1e-7 && s.htTieThreshold == 0.05)
        #expect(s.abstainTheta0 == 0.65 && s.abstainStep == 0.01 && s.leveragingLambda == 6)
        #expect(Set(s.effectiveValues.keys) == Set(ModelSpec.keys.map(\.name)))
        #expect(ModelSpec.keys.allSatisfy { ModelSpec.helpTable.contains($0.name) })
    }

    @Test func valuesAreReadFromTheEnvironment() throws {
        let s = try spec([
            "EDDY_MODEL": "Leveraging_Bagging", "EDDY_ENSEMBLE_SIZE": "5", "EDDY_BASE_LEARNER": "naive_bayes",
            "EDDY_ABSTAIN": "yes", "EDDY_SEED": "42", "EDDY_ABSTAIN_THETA0": "0.7", "EDDY_LR_LEARNING_RATE": "0.5",
            "EDDY_ABSTAIN_MODE": "per_member", "EDDY_LEVBAG_LAMBDA": "3",
        ])
        #expect(s.model == .leveragingBagging && s.ensembleSize == 5 && s.baseLearner == .naiveBayes)
        #expect(s.abstain && s.seed == 42 && s.abstainTheta0 == 0.7 && s.abstainMode == .perMember)
        #expect(s.logisticRegression.learningRate == 0.5 && s.logisticRegression.seed == 42 && s.leveragingLambda == 3)
        #expect(s.displayName == "abstaining leveraging_bagging(5 × naive_bayes)")
    }

    @Test func aBadValueIsAnErrorNamingTheKeyAndTheAcceptedValues() {
        let cases: [([String: String], String, String)] = [
            (["EDDY_MODEL": "forest"], "EDDY_MODEL", "adaptive_random_forest"),
            (["EDDY_ENSEMBLE_SIZE": "0"], "EDDY_ENSEMBLE_SIZE", "1...10000"),
            (["EDDY_ENSEMBLE_SIZE": "ten"], "EDDY_ENSEMBLE_SIZE", "integer"),
            (["EDDY_HT_SPLIT_CONFIDENCE": "1.5"], "EDDY_HT_SPLIT_CONFIDENCE", "(0, 1)"),
            (["EDDY_ABSTAIN": "maybe"], "EDDY_ABSTAIN", "true or false"),
            (["EDDY_ABSTAIN": "true", "EDDY_MODEL": "naive_bayes"], "EDDY_ABSTAIN", "ensemble"),
            (["EDDY_BASE_LEARNER": "online_bagging"], "EDDY_BASE_LEARNER", "naive_bayes"),
            (["EDDY_SEED": "-1"], "EDDY_SEED", "integer"),
            (["EDDY_LR_LEARNING_RATE": "nan"], "EDDY_LR_LEARNING_RATE", "> 0"),
        ]
        for (environment, key, accepted) in cases {
            let e = keyError(environment)
            #expect(e?.key == key, "\(environment)")
            #expect(e?.accepted.contains(accepted) == true, "\(environment): \(String(describing: e))")
            #expect(e?.description.contains(key) == true)
        }
    }

    @Test func anUnknownEddyKeyIsRejectedWithASuggestion() throws {
        let known = ModelSpec.keys.map(\.name)
        #expect(throws: Never.self) {
            try ConfigurationKeyReader.checkUnknownKeys(in: ["EDDY_MODEL": "x", "PATH": "/bin", "EDDY_KAFKA_ACKS": "all"],
                                                        known: known, otherPrefixes: ["EDDY_KAFKA_"])
        }
        do {
            try ConfigurationKeyReader.checkUnknownKeys(in: ["EDDY_HT_GRACE_PERIDO": "10"], known: known)
            Issue.record("an unknown key was accepted")
        } catch let e as ConfigurationKeyError {
            #expect(e.isUnknownKey && e.key == "EDDY_HT_GRACE_PERIDO")
            #expect(e.description.contains("EDDY_HT_GRACE_PERIOD"))
        }
        #expect(ConfigurationKeyError.exitCode == 78)
    }
}
