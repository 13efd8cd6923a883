package dev.keelson.controller.sealed;

/**
 * Why a SealedSecret has no Secret (yet): the condition's reason and a message safe to show
 * anywhere (it names keys and objects, never a value).
 *
 * @param reason upstream's event reasons: ErrUnsealFailed, ErrUpdateFailed
 */
record UnsealFailure(String reason, String message) {
  static final String UNSEAL_FAILED = "ErrUnsealFailed";
  static final String UPDATE_FAILED = "ErrUpdateFailed";

  static UnsealFailure unseal(String message) {
    return new UnsealFailure(UNSEAL_FAILED, message);
  }

  static UnsealFailure update(String message) {
    return new UnsealFailure(UPDATE_FAILED, message);
  }
}
