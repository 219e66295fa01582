/* narrate's pages: read-along player (episode pages), listening progress (index). No network. */
(function () {
  "use strict";

  var POSITION_KEY = "narrate:position:";
  var SPEED_KEY = "narrate:speed";
  var FOLLOW_PAUSE_MS = 4000; // after the reader scrolls, the page does not scroll for them

  // localStorage can be missing or refuse writes (private windows, some file:// settings).
  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(key)); } catch (error) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (error) { /* not kept */ }
  }

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds));  // floored, as players show time
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(r).padStart(2, "0");
  }

  // The index of the last start at or before t (-1 before the first).
  function lastStarted(starts, t) {
    var lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= t + 0.001) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function startsOf(elements) {
    return elements.map(function (element) { return Number(element.dataset.start); });
  }

  function readAlong(reader) {
    var audio = reader.querySelector("audio");
    var cues = Array.prototype.slice.call(reader.querySelectorAll(".cue"));
    var chapters = Array.prototype.slice.call(reader.querySelectorAll(".chapters [data-start]"));
    var cueStarts = startsOf(cues), chapterStarts = startsOf(chapters);
    var playButton = reader.querySelector("[data-action=play]");
    var speed = reader.querySelector("[data-control=speed]");
    var nowSpeaker = reader.querySelector("[data-now-speaker]");
    var player = reader.querySelector(".player");
    var key = POSITION_KEY + reader.dataset.guid;
    var current = -1, currentChapter = -1, lastSaved = 0, userScrolledAt = 0, follow = false;

    // Each sentence's speaker: the last name shown before it in the transcript.
    var speakers = [], speaking = "";
    Array.prototype.forEach.call(reader.querySelectorAll(".speaker, .cue"), function (element) {
      if (element.classList.contains("speaker")) { speaking = element.textContent.replace(/:$/, ""); }
      else { speakers.push(speaking); }
    });

    function keepInView(element) {
      // Not before the listener starts or moves (a page opens at its top), nor while they scroll.
      if (!follow || Date.now() - userScrolledAt < FOLLOW_PAUSE_MS) { return; }
      var rect = element.getBoundingClientRect();
      var top = player ? player.getBoundingClientRect().bottom : 0;
      if (rect.top < top || rect.bottom > window.innerHeight) {
        element.scrollIntoView({ block: "center" });
      }
    }

    function mark(list, index, previous) {
      if (previous >= 0 && list[previous]) { list[previous].removeAttribute("aria-current"); }
      if (index >= 0 && list[index]) { list[index].setAttribute("aria-current", "true"); }
    }

    function update() {
      var t = audio.currentTime;
      var index = lastStarted(cueStarts, t);
      if (index !== current) {
        mark(cues, index, current);
        current = index;
        if (index >= 0) {
          if (nowSpeaker) { nowSpeaker.textContent = speakers[index]; }
          keepInView(cues[index]);
        }
      }
      var chapter = lastStarted(chapterStarts, t);
      if (chapter !== currentChapter) { mark(chapters, chapter, currentChapter); currentChapter = chapter; }
      if (Math.abs(t - lastSaved) >= 2) { remember(); }
    }

    function remember() {
      lastSaved = audio.currentTime;
      var duration = isFinite(audio.duration) ? audio.duration : 0;
      save(key, { t: audio.ended ? 0 : audio.currentTime, d: duration, done: audio.ended });
    }

    function seek(seconds, play) {
      follow = true;
      audio.currentTime = Math.max(0, seconds);
      if (play) { var started = audio.play(); if (started && started.catch) { started.catch(function () {}); } }
      update();
    }

    function toggle() {
      if (audio.paused) { seek(audio.currentTime, true); } else { audio.pause(); }
    }

    function step(starts, delta, restartAfter) {
      if (!starts.length) { return; }
      var t = audio.currentTime, index = lastStarted(starts, t);
      // Back from well inside an item restarts it, as a player's "previous" does.
      if (delta < 0 && index >= 0 && t - starts[index] > restartAfter) { delta = 0; }
      var target = Math.min(Math.max(index + delta, 0), starts.length - 1);
      seek(starts[target], !audio.paused);
    }

    var actions = {
      "play": toggle,
      "previous-sentence": function () { step(cueStarts, -1, 1.5); },
      "next-sentence": function () { step(cueStarts, 1, 0); },
      "previous-chapter": function () { step(chapterStarts, -1, 3); },
      "next-chapter": function () { step(chapterStarts, 1, 0); }
    };

    reader.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      if (button && actions[button.dataset.action]) { actions[button.dataset.action](); return; }
      var target = event.target.closest(".cue, .chapters [data-start]");
      if (!target) { return; }
      var selection = window.getSelection();
      if (selection && !selection.isCollapsed && target.classList.contains("cue")) { return; } // copying text
      seek(Number(target.dataset.start), true);
    });

    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
      var tag = event.target.tagName;
      if (/^(INPUT|SELECT|TEXTAREA|AUDIO|VIDEO)$/.test(tag) || event.target.isContentEditable) { return; }
      var name = {
        " ": "play", "Spacebar": "play", "ArrowLeft": "previous-sentence", "ArrowRight": "next-sentence",
        "ArrowUp": "previous-chapter", "k": "previous-chapter", "K": "previous-chapter",
        "ArrowDown": "next-chapter", "j": "next-chapter", "J": "next-chapter"
      }[event.key];
      // Space on a button or link activates it, as it always does.
      if (!name || (name === "play" && /^(BUTTON|A|SUMMARY)$/.test(tag))) { return; }
      event.preventDefault();
      actions[name]();
    });

    // Scrolling to a sentence or an anchor stops below the sticky player, not under it.
    function padBelowPlayer() {
      if (player) { document.documentElement.style.scrollPaddingTop = player.offsetHeight + 8 + "px"; }
    }
    padBelowPlayer();
    window.addEventListener("resize", padBelowPlayer);

    ["wheel", "touchmove"].forEach(function (type) {
      window.addEventListener(type, function () { userScrolledAt = Date.now(); }, { passive: true });
    });

    function showPlaying() { playButton.textContent = audio.paused ? "Play" : "Pause"; }
    audio.addEventListener("play", function () { follow = true; showPlaying(); });
    audio.addEventListener("pause", function () { showPlaying(); remember(); });
    audio.addEventListener("ended", remember);
    audio.addEventListener("timeupdate", update);
    audio.addEventListener("seeked", update);
    window.addEventListener("pagehide", remember);

    // A phone's lock screen and headset buttons: play, pause, and chapters as tracks.
    if ("mediaSession" in navigator && window.MediaMetadata) {
      var cover = reader.querySelector("img.cover");
      navigator.mediaSession.metadata = new window.MediaMetadata({
        title: reader.querySelector("h1").textContent,
        artist: reader.dataset.byline || "",
        artwork: cover ? [{ src: cover.src, sizes: "1400x1400", type: "image/png" }] : []
      });
      [["previoustrack", "previous-chapter"], ["nexttrack", "next-chapter"]].forEach(function (pair) {
        try { navigator.mediaSession.setActionHandler(pair[0], actions[pair[1]]); } catch (error) { /* unsupported */ }
      });
    }

    var rate = Number(load(SPEED_KEY));
    if (rate >= 0.75 && rate <= 2 && speed.querySelector("option[value='" + rate + "']")) { speed.value = String(rate); }
    function applySpeed() { audio.defaultPlaybackRate = audio.playbackRate = Number(speed.value); }
    speed.addEventListener("change", function () { applySpeed(); save(SPEED_KEY, Number(speed.value)); });
    applySpeed();
    audio.addEventListener("loadedmetadata", applySpeed);

    function resume() {
      var stored = load(key);
      if (stored && stored.t > 0 && (!isFinite(audio.duration) || stored.t < audio.duration - 1)) {
        audio.currentTime = stored.t;
      }
      lastSaved = audio.currentTime;
      update();
      reader.dataset.ready = "true";
    }
    if (audio.readyState >= 1) { resume(); } else { audio.addEventListener("loadedmetadata", resume, { once: true }); }
  }

  function showProgress(element) {
    var stored = load(POSITION_KEY + element.dataset.progress);
    if (!stored) { return; }
    if (stored.done) {
      element.textContent = "Played to the end.";
    } else if (stored.t > 0) {
      element.textContent = "Stopped at " + clock(stored.t) + (stored.d ? " of " + clock(stored.d) : "") + ".";
    } else {
      return;
    }
    element.hidden = false;
  }

  function showFeedAddress(element) {
    if (!/^https?:$/.test(window.location.protocol)) { return; }
    element.querySelector("code").textContent = new URL("feed.xml", window.location.href).href;
    element.hidden = false;
  }

  var reader = document.querySelector("[data-reader]");
  if (reader) { readAlong(reader); }
  function showAllProgress() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-progress]"), showProgress);
  }
  showAllProgress();
  // A position saved after this page loaded (the episode plays in another tab): show it as it comes.
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(POSITION_KEY) === 0) { showAllProgress(); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-feed-url]"), showFeedAddress);
})();
