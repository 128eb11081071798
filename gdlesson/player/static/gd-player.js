/* The lesson player of gdlesson: frames, a slider, ◁ ▶ ▷ buttons and three loop modes.
   One script for notebooks (frames inside the output) and the site (frame files). The page
   holds the first frame only; the others are fetched when the reader reaches for the player
   (pointer or finger on it, keyboard focus in it) or uses a control, so a page costs no
   frames until then. No library, no network beyond the site. */
(function () {
  "use strict";
  if (window.gdPlayers) { window.gdPlayers.scan(); return; }   // a later output, same page

  function Player(root) {
    var data = JSON.parse(root.querySelector("script.gd-player-data").textContent);
    var self = this;
    this.root = root;
    this.frames = data.frames;
    this.labels = data.labels;
    this.delay = 1000 / data.fps;
    this.index = 0;
    this.direction = 1;
    this.timer = null;
    this.cache = null;
    this.images = root.querySelectorAll(".gd-stage img");
    this.label = root.querySelector(".gd-label");
    this.slider = root.querySelector(".gd-slider");
    root.querySelector(".gd-buttons").addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      self.preload();
      self[button.getAttribute("data-do")]();
    });
    this.slider.addEventListener("input", function () {
      self.preload();
      self.pause();
      self.show(Number(self.slider.value));
    });
    ["pointerenter", "touchstart", "focusin"].forEach(function (name) {
      root.addEventListener(name, function () { self.preload(); }, {once: true, passive: true});
    });
    root.classList.add("gd-ready");
  }

  Player.prototype.mode = function () {
    var checked = this.root.querySelector(".gd-modes input:checked");
    return checked ? checked.value : "loop";
  };
  Player.prototype.preload = function () {
    if (this.cache) return;
    this.cache = this.frames.map(function (src) {
      var image = new Image();
      image.decoding = "async";
      image.src = src;
      return image;
    });
  };
  Player.prototype.show = function (k) {
    this.index = k;
    for (var i = 0; i < this.images.length; i++) this.images[i].src = this.frames[k];
    this.slider.value = String(k);
    this.label.textContent = this.labels[k];
  };
  Player.prototype.step = function () {
    var last = this.frames.length - 1, k = this.index + this.direction, mode = this.mode();
    if (k > last || k < 0) {
      if (mode === "loop") {
        k = this.direction > 0 ? 0 : last;
      } else if (mode === "reflect") {
        this.direction = -this.direction;
        k = Math.min(last, Math.max(0, this.index + this.direction));
      } else {
        this.pause();
        return;
      }
    }
    this.show(k);
  };
  Player.prototype.run = function (direction) {
    var self = this;
    this.pause();
    this.direction = direction;
    this.timer = setInterval(function () { self.step(); }, this.delay);
  };
  Player.prototype.play = function () { this.run(1); };
  Player.prototype.reverse = function () { this.run(-1); };
  Player.prototype.pause = function () {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  };
  Player.prototype.first = function () { this.pause(); this.show(0); };
  Player.prototype.last = function () { this.pause(); this.show(this.frames.length - 1); };
  Player.prototype.next = function () {
    this.pause();
    this.show(Math.min(this.frames.length - 1, this.index + 1));
  };
  Player.prototype.previous = function () { this.pause(); this.show(Math.max(0, this.index - 1)); };
  Player.prototype.retime = function (factor) {
    this.delay = Math.min(2000, Math.max(20, this.delay * factor));
    if (this.timer !== null) this.run(this.direction);
  };
  Player.prototype.faster = function () { this.retime(1 / 1.2); };
  Player.prototype.slower = function () { this.retime(1.2); };

  window.gdPlayers = {
    all: [],
    scan: function () {
      var roots = document.querySelectorAll(".gd-player:not(.gd-ready)");
      for (var i = 0; i < roots.length; i++) {
        var player = new Player(roots[i]);
        roots[i].gdPlayer = player;
        this.all.push(player);
      }
    },
    byId: function (id) {
      var root = document.getElementById(id);
      return root ? root.gdPlayer : null;
    }
  };
  window.gdPlayers.scan();
})();
