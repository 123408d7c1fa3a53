// librdkafka's client API for the raw C baseline loop of the KafkaPipeline benchmarks. A module of its own
// (the main package's Crdkafka is not a product), compiled only into RawKafkaPipeline.
#include <librdkafka/rdkafka.h>
