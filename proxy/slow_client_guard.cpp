// slow_client_guard.cpp — see slow_client_guard.h.
#include "slow_client_guard.h"

#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <cstdio>

namespace {

// The socket the calling thread accepted last (the listening thread), and the connection the calling
// thread serves (a worker thread).
thread_local int t_last_accepted = -1;
thread_local ssproxy::SlowClientGuard* t_guard = nullptr;
thread_local uint64_t t_connection = 0;

}  // namespace

// Interposes glibc's accept for libcpp-httplib.so (see the header); accept4 with no flags is the same call.
extern "C" int accept(int fd, __SOCKADDR_ARG addr, socklen_t* __restrict len) {
  int s = accept4(fd, addr, len, 0);
  t_last_accepted = s;
  return s;
}

namespace ssproxy {

namespace {

class GuardedPool : public httplib::TaskQueue {
 public:
  GuardedPool(SlowClientGuard& guard, size_t threads) : guard_(guard), pool_(threads) {}
  void enqueue(std::function<void()> fn) override {
    // httplib's listening thread queues a connection's task right after accepting its socket.
    // The deadline counts from here: a connection waiting for a free worker is already being served late.
    const int fd = t_last_accepted;
    const auto accepted_at = SlowClientGuard::Clock::now();
    t_last_accepted = -1;
    pool_.enqueue([this, fd, accepted_at, fn = std::move(fn)] {
      guard_.begin(fd, accepted_at);
      fn();
      guard_.end();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  SlowClientGuard& guard_;
  httplib::ThreadPool pool_;
};

}  // namespace

SlowClientGuard::SlowClientGuard(std::chrono::milliseconds request_deadline, std::chrono::milliseconds keep_alive)
    : request_deadline_(request_deadline), keep_alive_(keep_alive) {
  // The watchdog takes no signals: main.cpp's SIGTERM/SIGINT must reach its sigwait thread (a thread
  // created before main blocks them would otherwise receive SIGTERM and end the process ungracefully).
  sigset_t all, previous;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &previous);
  thread_ = std::thread([this] { watchdog(); });
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

SlowClientGuard::~SlowClientGuard() {
  {
    std::lock_guard<std::mutex> lk(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

httplib::TaskQueue* SlowClientGuard::make_task_queue(size_t threads) { return new GuardedPool(*this, threads); }

void SlowClientGuard::begin(int fd, Clock::time_point accepted_at) {
  if (fd < 0) return;
  std::lock_guard<std::mutex> lk(mutex_);
  const uint64_t id = ++next_id_;
  watched_[id] = Watched{fd, accepted_at + request_deadline_, true};
  t_guard = this;
  t_connection = id;
}

void SlowClientGuard::end() {
  if (t_guard != this) return;
  std::lock_guard<std::mutex> lk(mutex_);
  watched_.erase(t_connection);
  t_guard = nullptr;
  t_connection = 0;
}

void SlowClientGuard::rearm(uint64_t id, bool armed, Clock::time_point deadline) {
  std::lock_guard<std::mutex> lk(mutex_);
  auto it = watched_.find(id);
  if (it == watched_.end()) return;
  it->second.armed = armed;
  it->second.deadline = deadline;
}

void SlowClientGuard::request_read() {
  if (t_guard) t_guard->rearm(t_connection, false, Clock::time_point{});
}

void SlowClientGuard::response_sent() {
  if (t_guard) t_guard->rearm(t_connection, true, Clock::now() + t_guard->keep_alive_ + t_guard->request_deadline_);
}

void SlowClientGuard::watchdog() {
  std::unique_lock<std::mutex> lk(mutex_);
  while (!stopping_) {
    wake_.wait_for(lk, std::chrono::milliseconds(250));
    const auto now = Clock::now();
    for (auto& entry : watched_) {
      Watched& w = entry.second;
      if (!w.armed || w.deadline > now) continue;
      // Still open: the worker erases the entry just after httplib closes the socket, and an armed entry
      // expires only while its connection waits for request bytes, never in that instant.
      ::shutdown(w.fd, SHUT_RDWR);
      w.armed = false;
      ++dropped_;
      std::fprintf(stderr, "slow client dropped: request not received within %lld s\n",
                   static_cast<long long>(std::chrono::duration_cast<std::chrono::seconds>(request_deadline_).count()));
    }
  }
}

}  // namespace ssproxy
