/**
 * Everything that runs jcstress, on one loop ({@link dev.swaprace.campaign.JcstressLoop}: start
 * in an invocation folder, Ctrl-C, time limit, process tree killed on stop or death, the blob
 * found and read into the results model):
 *
 * <ul>
 *   <li>{@link dev.swaprace.campaign.StressRun} on {@link dev.swaprace.campaign.SuiteRunner}:
 *       {@code swaprace run} of a {@link dev.swaprace.campaign.StressConfig}, sharded by
 *       {@link dev.swaprace.campaign.Shard};</li>
 *   <li>{@link dev.swaprace.campaign.Hunt}: rounds over a {@link dev.swaprace.campaign.HuntPlan}'s
 *       settings, tallied by {@link dev.swaprace.campaign.HuntTally};</li>
 *   <li>{@link dev.swaprace.campaign.MutationCampaign}: the seeded bugs under the explorer and,
 *       by {@link dev.swaprace.campaign.MutantJcstress}, under jcstress;</li>
 *   <li>{@link dev.swaprace.campaign.SamplingBench}: the sampling-rate benchmark.</li>
 * </ul>
 */
package dev.swaprace.campaign;
