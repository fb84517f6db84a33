// Every Shifo element with Lit and the SDK: the whole drop-in kit.
import '@shifo/components/define.js';
