/** Every route of the app, each a deep link; unknown paths get the not-found page. */
import { createBrowserRouter, type RouteObject } from "react-router";
import { JobDetailPage } from "@/features/jobs/JobDetailPage";
import { JobsPage } from "@/features/jobs/JobsPage";
import { PersonaOntologyPage } from "@/features/ontology/PersonaOntologyPage";
import { PersonaListPage } from "@/features/personas/PersonaListPage";
import { SettingsPage } from "@/features/settings/SettingsPage";
import { VideoBrowserPage } from "@/features/videos/VideoBrowserPage";
import { VideoPage } from "@/features/videos/VideoPage";
import { WorldObjectPage } from "@/features/world/WorldObjectPage";
import { WorldPage } from "@/features/world/WorldPage";
import { Layout } from "./Layout";
import { NotFoundPage } from "./NotFoundPage";

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <VideoBrowserPage /> },
      { path: "videos/:id", element: <VideoPage /> },
      { path: "personas", element: <PersonaListPage /> },
      { path: "personas/:id", element: <PersonaOntologyPage /> },
      { path: "world", element: <WorldPage /> },
      { path: "world/:kind", element: <WorldPage /> },
      { path: "world/:kind/:id", element: <WorldObjectPage /> },
      { path: "jobs", element: <JobsPage /> },
      { path: "jobs/:id", element: <JobDetailPage /> },
      { path: "settings", element: <SettingsPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
