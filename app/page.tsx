import { HomeRedirect } from '@/components/home/HomeRedirect';

/** Home: straight to the current context's pods, or a clear "no cluster configured" page with what to do. */
export default function Home() {
  return <HomeRedirect />;
}
