// Parse a feed file with podcast-partytime (Podcast Index's parser) and print what apps see, as JSON.
const fs = require("fs");
const pt = require("podcast-partytime");

const feed = pt.parseFeed(fs.readFileSync(process.argv[2], "utf8"));
if (!feed) {
  process.exit(3);
}
const items = feed.items.map((item) => ({
  guid: item.guid,
  pubDate: item.pubDate,
  enclosure: item.enclosure,
  duration: item.duration,
  transcripts: item.podcastTranscripts || [],
  chapters: item.podcastChapters || null,
  alternates: item.alternativeEnclosures || [],
}));
console.log(JSON.stringify({ title: feed.title, locked: feed.locked, owner: feed.owner, guid: feed.guid, items }));
