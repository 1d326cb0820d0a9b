"""Publishing tools: build aside, check every link, swap in atomically (`python -m publishing.publish`)."""
