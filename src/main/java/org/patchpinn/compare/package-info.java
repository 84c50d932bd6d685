/**
 * Comparing conditions (e.g. glucose levels) over many recordings: the manifest, a resumable parallel batch of
 * per-recording analyses, the decomposition of each cell's conductances into leak and a condition-dependent
 * part, per-condition summaries, trend tests, which quantities get a law against the condition, and the
 * condition model (with its K_ATP form {@link org.patchpinn.compare.HillLaw}). Its tables are written by
 * {@link org.patchpinn.compare.ComparisonReport}, its result.json by {@link org.patchpinn.report.CompareResultJson}.
 *
 * <p>Does not belong here: general fitting, spike detection or numerics that other packages need too; what a
 * closed-form law is, how one is found and its constants' intervals ({@code symbolic.Law}, {@code LawFinder},
 * {@code LawIntervals}). This package is being consolidated (issue 13).
 */
package org.patchpinn.compare;
