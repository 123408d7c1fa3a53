import OnlineLearning

// Every learner Eddy's model factory builds explains itself the plain way; a learner added to the factory
// needs one line here (the compiler points at the factory's call site until it has it).

extension MajorityClass: ExplainingClassifier {}
extension NoChange: ExplainingClassifier {}
extension NaiveBayes: ExplainingClassifier {}
extension LogisticRegression: ExplainingClassifier {}
extension HoeffdingTree: ExplainingClassifier {}
extension HoeffdingAdaptiveTree: ExplainingClassifier {}
extension OnlineBagging: ExplainingClassifier {}
extension LeveragingBagging: ExplainingClassifier {}
extension ADWINBagging: ExplainingClassifier {}
extension AdaptiveRandomForest: ExplainingClassifier {}
