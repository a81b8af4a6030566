/**
 * rock-check removes everything a run creates by its own labels
 * (src/cleanup/), so Testcontainers' Ryuk reaper is never needed, and it
 * would be one more image to pull (testcontainers/ryuk), which an offline
 * lab or a CI runner at its pull rate limit cannot. Testcontainers reads
 * this variable when it first needs a reaper (the first container started);
 * the grading workers are created from this process's environment, so they
 * inherit it. Imported before anything that imports testcontainers.
 */
process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';

export const reaperDisabled = true;
